"use client";
// One small form of the legal desk on a post's page (link a case, clear a version, hold, lift): hidden
// fields, at most one field to fill in, one button. A failure keeps what was typed.
import { useActionState } from "react";
import { FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState, type FormState } from "@/lib/action-result";

type Props = {
  action: (previous: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  button: string;
  field?: { name: string; label: string; hint?: string };
  choice?: { name: string; label: string; options: { value: string; label: string }[] };
  secondary?: boolean;
};

export function LegalForm({ action, hidden, button, field, choice, secondary }: Props) {
  const [state, run, pending] = useActionState(action, initialFormState);
  const id = (name: string) => `${hidden.postId ?? ""}-${button}-${name}`.replace(/\W+/g, "-");
  return (
    <form action={run} className="admin-form legal-form" key={`${state.status}-${state.message}`} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {choice && (
        <>
          <label htmlFor={id(choice.name)}>{choice.label}</label>
          <select id={id(choice.name)} name={choice.name} defaultValue={state.values[choice.name] ?? ""} {...invalidField(state, choice.name)}>
            {choice.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <FieldError state={state} name={choice.name} />
        </>
      )}
      {field && (
        <>
          <label htmlFor={id(field.name)}>{field.label}</label>
          {field.hint && <p className="form-hint">{field.hint}</p>}
          <textarea id={id(field.name)} name={field.name} rows={2} defaultValue={state.values[field.name] ?? ""} {...invalidField(state, field.name)} />
          <FieldError state={state} name={field.name} />
        </>
      )}
      <FormMessage state={state} />
      <button type="submit" className={secondary ? "secondary" : undefined} disabled={pending}>
        {button}
      </button>
    </form>
  );
}
