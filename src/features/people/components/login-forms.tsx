"use client";
// An admin's controls for one login: its role, and deactivating or reactivating it.
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import type { Role } from "@/generated/prisma/enums";
import { changeRoleAction, deactivateLoginAction, reactivateLoginAction } from "../actions";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "../role-labels";
import styles from "./people-admin.module.css";

export function RoleForm({ userId, role }: { userId: string; role: Role }) {
  const [state, action, pending] = useActionState(changeRoleAction, initialFormState);
  const chosen = state.values.role ?? role;
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <fieldset aria-describedby={state.fieldErrors.role ? "role-error" : undefined}>
        <legend>Role</legend>
        {ROLES.map((choice) => (
          <label key={choice} className={`checkbox ${styles.role}`}>
            <input type="radio" name="role" value={choice} defaultChecked={choice === chosen} />
            <span>
              <strong>{ROLE_LABELS[choice]}</strong>: {ROLE_DESCRIPTIONS[choice]}
            </span>
          </label>
        ))}
      </fieldset>
      <FieldError state={state} name="role" />
      <FormMessage state={state} />
      <button type="submit" disabled={pending}>
        Change role
      </button>
    </form>
  );
}

export function ActivationForm({ userId, deactivated }: { userId: string; deactivated: boolean }) {
  const [state, action, pending] = useActionState(deactivated ? reactivateLoginAction : deactivateLoginAction, initialFormState);
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <FormMessage state={state} />
      <button type="submit" className={deactivated ? undefined : styles.danger} disabled={pending}>
        {deactivated ? "Reactivate this login" : "Deactivate this login"}
      </button>
    </form>
  );
}
