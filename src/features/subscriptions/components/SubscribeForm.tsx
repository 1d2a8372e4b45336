"use client";

import { useActionState, useId } from "react";
import { subscribeAction } from "../actions";
import { initialSubscribeState } from "../form-state";
import { HoneypotField } from "@/components/HoneypotField";
import styles from "./SubscribeBox.module.css";

export function SubscribeForm() {
  const [state, formAction, pending] = useActionState(subscribeAction, initialSubscribeState);
  const id = useId();
  const emailId = `${id}-email`;
  const messageId = `${id}-message`;
  return (
    <form action={formAction} className={styles.form} noValidate>
      <label htmlFor={emailId} className={styles.label}>
        Email address
      </label>
      <div className={styles.row}>
        <input
          id={emailId}
          className={styles.input}
          type="email"
          name="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={state.email}
          key={state.status === "sent" ? "sent" : state.email}
          aria-invalid={state.status === "error" || undefined}
          aria-describedby={state.message ? messageId : undefined}
          placeholder="you@example.org"
        />
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Subscribing…" : "Subscribe"}
        </button>
      </div>
      <HoneypotField name="website" />
      <p
        id={messageId}
        role={state.status === "error" ? "alert" : "status"}
        className={state.status === "error" ? styles.error : styles.success}
      >
        {state.message}
      </p>
    </form>
  );
}
