"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import type { FormState } from "@/lib/action-result";
import { saveCommentSettingsAction } from "../actions";

type Field = "disallowedList" | "moderationList" | "maxLinks" | "maxDepth" | "closeAfterDays" | "floodSeconds" | "commentsPerHourPerIp";

export function CommentSettingsForm({ initial }: { initial: Record<Field, string> }) {
  const [state, action, pending] = useActionState(saveCommentSettingsAction, { status: "idle", message: "", fieldErrors: {}, values: initial } satisfies FormState);
  const numbers: [Field, string, string][] = [
    ["maxLinks", "Hold comments with this many links or more", "Default 2."],
    ["maxDepth", "Replies nest this deep", "Default 5."],
    ["closeAfterDays", "Close comments this many days after publication", "Leave empty to keep comments open (the default)."],
    ["floodSeconds", "Seconds a person must wait between comments", "Default 15."],
    ["commentsPerHourPerIp", "Comments per hour from one IP address", "Default 20."],
  ];
  return (
    <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
      <FormMessage state={state} />
      <label htmlFor="disallowedList">Disallowed words and IP addresses (spam)</label>
      <p className="form-hint">One per line. A comment containing any of them, in any field, or sent from that IP address goes to spam.</p>
      <textarea id="disallowedList" name="disallowedList" rows={6} defaultValue={state.values.disallowedList} {...invalidField(state, "disallowedList")} />
      <FieldError state={state} name="disallowedList" />
      <label htmlFor="moderationList">Words and IP addresses to hold for moderation</label>
      <p className="form-hint">One per line.</p>
      <textarea id="moderationList" name="moderationList" rows={6} defaultValue={state.values.moderationList} {...invalidField(state, "moderationList")} />
      <FieldError state={state} name="moderationList" />
      {numbers.map(([field, label, hint]) => (
        <div key={field} className="admin-form">
          <label htmlFor={field}>{label}</label>
          <input id={field} name={field} type="number" inputMode="numeric" defaultValue={state.values[field]} {...invalidField(state, field)} />
          <p className="form-hint">{hint}</p>
          <FieldError state={state} name={field} />
        </div>
      ))}
      <div className="actions-row">
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}
