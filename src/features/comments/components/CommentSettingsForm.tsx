"use client";

import { useActionState } from "react";
import { saveCommentSettingsAction } from "../actions";
import type { SettingsFormState } from "../schema";

type Field = keyof SettingsFormState["values"];

function Error({ state, field }: { state: SettingsFormState; field: Field }) {
  const message = state.fieldErrors[field];
  return message ? (
    <p id={`${field}-error`} className="form-error">
      {message}
    </p>
  ) : null;
}

function invalid(state: SettingsFormState, field: Field) {
  return state.fieldErrors[field] ? { "aria-invalid": true as const, "aria-describedby": `${field}-error` } : {};
}

export function CommentSettingsForm({ initial }: { initial: SettingsFormState["values"] }) {
  const [state, action, pending] = useActionState(saveCommentSettingsAction, {
    status: "idle",
    message: "",
    fieldErrors: {},
    values: initial,
  } satisfies SettingsFormState);
  const numbers: [Field, string, string][] = [
    ["maxLinks", "Hold comments with this many links or more", "Default 2."],
    ["maxDepth", "Replies nest this deep", "Default 5."],
    ["closeAfterDays", "Close comments this many days after publication", "Leave empty to keep comments open (the default)."],
    ["floodSeconds", "Seconds a person must wait between comments", "Default 15."],
    ["commentsPerHourPerIp", "Comments per hour from one IP address", "Default 20."],
  ];
  return (
    <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
      {state.message && (
        <p className={state.status === "error" ? "form-error" : "form-notice"} role={state.status === "error" ? "alert" : "status"}>
          {state.message}
        </p>
      )}
      <label htmlFor="disallowedList">Disallowed words and IP addresses (spam)</label>
      <p className="form-hint">One per line. A comment containing any of them, in any field, or sent from that IP address goes to spam.</p>
      <textarea id="disallowedList" name="disallowedList" rows={6} defaultValue={state.values.disallowedList} {...invalid(state, "disallowedList")} />
      <Error state={state} field="disallowedList" />
      <label htmlFor="moderationList">Words and IP addresses to hold for moderation</label>
      <p className="form-hint">One per line.</p>
      <textarea id="moderationList" name="moderationList" rows={6} defaultValue={state.values.moderationList} {...invalid(state, "moderationList")} />
      <Error state={state} field="moderationList" />
      {numbers.map(([field, label, hint]) => (
        <div key={field} className="admin-form">
          <label htmlFor={field}>{label}</label>
          <input id={field} name={field} type="number" inputMode="numeric" defaultValue={state.values[field]} {...invalid(state, field)} />
          <p className="form-hint">{hint}</p>
          <Error state={state} field={field} />
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
