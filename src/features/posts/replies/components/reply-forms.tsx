"use client";
// Recording a right-of-reply request and its response, and publishing the response.
import { useActionState } from "react";
import { FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { publishReplyResponseAction, recordReplyRequestAction, recordReplyResponseAction } from "../actions";
import { REPLY_TEXT_MAX } from "../limits";

export function ReplyRequestForm({ postId }: { postId: string }) {
  const [state, action, pending] = useActionState(recordReplyRequestAction, initialFormState);
  const value = (name: string) => (state.status === "error" ? (state.values[name] ?? "") : "");
  return (
    <form action={action} className="admin-form" key={state.status === "ok" ? state.message : "request"} noValidate>
      <input type="hidden" name="postId" value={postId} />
      <label htmlFor="reply-person">Put to (person or organisation)</label>
      <input id="reply-person" name="person" type="text" maxLength={300} defaultValue={value("person")} {...invalidField(state, "person")} />
      <FieldError state={state} name="person" />
      <label htmlFor="reply-put-on">On</label>
      <input id="reply-put-on" name="putOn" type="date" defaultValue={value("putOn")} {...invalidField(state, "putOn")} />
      <FieldError state={state} name="putOn" />
      <label htmlFor="reply-how">How</label>
      <input id="reply-how" name="how" type="text" maxLength={300} placeholder="Email to the press office" defaultValue={value("how")} {...invalidField(state, "how")} />
      <FieldError state={state} name="how" />
      <label htmlFor="reply-deadline">Deadline for their reply</label>
      <input id="reply-deadline" name="deadline" type="date" defaultValue={value("deadline")} {...invalidField(state, "deadline")} />
      <FieldError state={state} name="deadline" />
      <button type="submit" disabled={pending}>
        Record the request
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function ReplyResponseForm({ requestId, response }: { requestId: string; response: string | null }) {
  const [state, action, pending] = useActionState(recordReplyResponseAction, initialFormState);
  const ids = { text: `reply-response-${requestId}`, date: `reply-date-${requestId}` };
  return (
    <details>
      <summary>{response ? "Change the response" : "Record their response"}</summary>
      <form action={action} className="admin-form" noValidate>
        <input type="hidden" name="requestId" value={requestId} />
        <label htmlFor={ids.text}>Their response</label>
        <textarea id={ids.text} name="response" rows={4} maxLength={REPLY_TEXT_MAX} defaultValue={state.values.response ?? response ?? ""} {...invalidField(state, "response")} />
        <FieldError state={state} name="response" />
        <label htmlFor={ids.date}>Received on</label>
        <input id={ids.date} name="respondedOn" type="date" defaultValue={state.values.respondedOn ?? ""} {...invalidField(state, "respondedOn")} />
        <FieldError state={state} name="respondedOn" />
        <button type="submit" disabled={pending}>
          Save the response
        </button>
        <FormMessage state={state} />
      </form>
    </details>
  );
}

export function PublishReplyButton({ requestId }: { requestId: string }) {
  const [state, action, pending] = useActionState(publishReplyResponseAction, initialFormState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="requestId" value={requestId} />
      <button type="submit" className="secondary" disabled={pending}>
        Publish the response under the post
      </button>
      <FormMessage state={state} />
    </form>
  );
}
