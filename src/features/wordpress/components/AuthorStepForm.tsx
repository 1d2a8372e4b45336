"use client";
// The import's author step: the export's authors whose email address is a Docket login's, each linked to
// that login only when ticked. The ticks stay as they were when the answer is refused.
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { continueImportAction } from "../actions";
import type { AuthorCandidate } from "../import/author-step";

const ROLE_NAMES: Record<string, string> = { ADMIN: "Admin", EDITOR: "Editor", AUTHOR: "Author", GUEST: "Guest author" };

export function AuthorStepForm({ runId, candidates }: { runId: string; candidates: AuthorCandidate[] }) {
  const [state, action, pending] = useActionState(continueImportAction, initialFormState);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const toggle = (login: string, on: boolean) => setTicked((previous) => new Set([...previous].filter((other) => other !== login).concat(on ? [login] : [])));
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="runId" value={runId} />
      <fieldset>
        <legend>Link an author to the login with the same address</legend>
        <p className="form-hint" id="author-step-hint">
          An address in an export proves nothing: anyone can write one into a file. Tick only an author you know to be that login’s owner; their posts then carry
          the login’s byline. An author left unticked gets a byline of their own.
        </p>
        {candidates.map((candidate, index) => (
          <div className="checkbox" key={candidate.login}>
            <input
              id={`link-${index}`}
              type="checkbox"
              name="link"
              value={candidate.login}
              checked={ticked.has(candidate.login)}
              onChange={(event) => toggle(candidate.login, event.target.checked)}
              aria-describedby="author-step-hint"
            />
            <label htmlFor={`link-${index}`}>
              <bdi>{candidate.name}</bdi> (WordPress author <bdi>{candidate.login}</bdi>): the login <bdi>{candidate.loginEmail}</bdi>, {ROLE_NAMES[candidate.loginRole] ?? candidate.loginRole}
            </label>
          </div>
        ))}
      </fieldset>
      <FormMessage state={state} />
      <button type="submit" disabled={pending}>
        {pending ? "Carrying on…" : ticked.size === 0 ? "Carry on, with a byline of their own for each" : `Carry on, linking ${ticked.size} of ${candidates.length}`}
      </button>
    </form>
  );
}
