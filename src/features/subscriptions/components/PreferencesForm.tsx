"use client";

import { useActionState } from "react";
import { updatePreferencesAction } from "../actions";
import type { PreferencesFormState } from "../schema";
import styles from "@/components/email-link-page.module.css";

type Topic = { id: string; label: string };

function TopicChecklist({ heading, name, topics, checked }: { heading: string; name: string; topics: Topic[]; checked: string[] }) {
  if (topics.length === 0) return null;
  return (
    <div>
      <h3>{heading}</h3>
      {topics.map((topic) => (
        <label key={topic.id} className={styles.choice}>
          <input type="checkbox" name={name} value={topic.id} defaultChecked={checked.includes(topic.id)} />
          <span>{topic.label}</span>
        </label>
      ))}
    </div>
  );
}

export function PreferencesForm(props: {
  token: string;
  initial: { choice: "all" | "some" | "pause"; seriesIds: string[]; categoryIds: string[] };
  series: Topic[];
  categories: Topic[];
}) {
  const [state, formAction, pending] = useActionState<PreferencesFormState, FormData>(updatePreferencesAction, { status: "idle", message: "" });
  const values = state.values ?? props.initial;
  const formKey = JSON.stringify(values);
  return (
    <form action={formAction} className={styles.form} key={formKey}>
      <input type="hidden" name="token" value={props.token} />
      {state.message ? (
        <p role={state.status === "error" ? "alert" : "status"} className={state.status === "error" ? styles.error : styles.notice}>
          {state.message}
        </p>
      ) : null}
      <fieldset className={styles.fieldset}>
        <legend>What would you like to receive?</legend>
        <label className={styles.choice}>
          <input type="radio" name="choice" value="all" defaultChecked={values.choice === "all"} />
          <span>Every new post, in one email each morning</span>
        </label>
        <label className={styles.choice}>
          <input type="radio" name="choice" value="some" defaultChecked={values.choice === "some"} />
          <span>Only posts from the series and categories I tick</span>
        </label>
        <div className={styles.topics}>
          <TopicChecklist heading="Series" name="seriesIds" topics={props.series} checked={values.seriesIds} />
          <TopicChecklist heading="Categories" name="categoryIds" topics={props.categories} checked={values.categoryIds} />
        </div>
        <label className={styles.choice}>
          <input type="radio" name="choice" value="pause" defaultChecked={values.choice === "pause"} />
          <span>Pause: send nothing for now, keep my subscription</span>
        </label>
      </fieldset>
      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={pending}>
          {pending ? "Saving…" : "Save my choices"}
        </button>
        <button type="submit" name="intent" value="unsubscribe" className={styles.secondary} disabled={pending}>
          Unsubscribe from everything
        </button>
      </div>
    </form>
  );
}
