"use client";
// Forms for invitations, bylines and profiles. On failure each keeps what was typed and says why.
import { useActionState, type ReactNode } from "react";
import { FieldError, FormMessage } from "@/components/FormFeedback";
import { initialFormState, type FormState } from "@/lib/action-result";
import { completeProfileAction, createBylineAction, inviteAuthorAction, linkProfileAction } from "../actions";
import { ImageUploadField } from "@/components/ImageUploadField";

type Action = (previous: FormState, form: FormData) => Promise<FormState>;

function useForm(action: Action) {
  return useActionState(action, initialFormState);
}

function Submit({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <button type="submit" disabled={pending}>
      {children}
    </button>
  );
}

export function InviteForm({ series }: { series: { id: string; title: string }[] }) {
  const [state, action, pending] = useForm(inviteAuthorAction);
  const value = (name: string) => state.values[name];
  return (
    <form action={action} className="admin-form" noValidate>
      <label htmlFor="invite-email">Email address</label>
      <input id="invite-email" name="email" type="email" defaultValue={value("email")} aria-invalid={state.fieldErrors.email ? true : undefined} />
      <FieldError state={state} name="email" />
      <label htmlFor="invite-role">Role</label>
      <select id="invite-role" name="role" defaultValue={value("role") ?? "GUEST"}>
        <option value="GUEST">Guest author (drafts and submits)</option>
        <option value="AUTHOR">Author (publishes own posts)</option>
      </select>
      <label htmlFor="invite-series">For a series (optional)</label>
      <select id="invite-series" name="seriesId" defaultValue={value("seriesId") ?? ""}>
        <option value="">No particular series</option>
        {series.map((item) => (
          <option key={item.id} value={item.id}>
            {item.title}
          </option>
        ))}
      </select>
      <FormMessage state={state} />
      <Submit pending={pending}>Send invitation</Submit>
    </form>
  );
}

type ProfileValues = { displayName: string; bio: string; xHandle: string; website: string; avatarUrl: string };

export function ProfileForm({ initial }: { initial: ProfileValues }) {
  const [state, action, pending] = useForm(completeProfileAction);
  const value = (name: keyof ProfileValues) => state.values[name] ?? initial[name];

  return (
    <form action={action} className="admin-form" noValidate>
      <label htmlFor="displayName">Name readers will see</label>
      <p className="form-hint">Your own name or a pen name.</p>
      <input id="displayName" name="displayName" type="text" defaultValue={value("displayName")} aria-invalid={state.fieldErrors.displayName ? true : undefined} />
      <FieldError state={state} name="displayName" />
      <label htmlFor="bio">About you</label>
      <textarea id="bio" name="bio" rows={5} defaultValue={value("bio")} />
      <FieldError state={state} name="bio" />
      <ImageUploadField urlName="avatarUrl" label="Picture" initialUrl={value("avatarUrl")} state={state} />
      <label htmlFor="xHandle">X / Twitter handle</label>
      <input id="xHandle" name="xHandle" type="text" placeholder="@handle" defaultValue={value("xHandle")} />
      <FieldError state={state} name="xHandle" />
      <label htmlFor="website">Website</label>
      <input id="website" name="website" type="url" placeholder="https://" defaultValue={value("website")} />
      <FieldError state={state} name="website" />
      <FormMessage state={state} />
      <Submit pending={pending}>Save profile</Submit>
    </form>
  );
}

export function BylineForm() {
  const [state, action, pending] = useForm(createBylineAction);
  const value = (name: string) => state.values[name];
  return (
    <form action={action} className="admin-form" noValidate>
      <label htmlFor="byline-name">Name on the byline</label>
      <input id="byline-name" name="displayName" type="text" defaultValue={value("displayName")} />
      <FieldError state={state} name="displayName" />
      <label htmlFor="byline-bio">Bio</label>
      <textarea id="byline-bio" name="bio" rows={3} defaultValue={value("bio")} />
      <label className="checkbox">
        <input type="checkbox" name="isPseudonymous" defaultChecked={value("isPseudonymous") === "on"} /> This is a pen name
      </label>
      <label htmlFor="byline-real">Real name (editors only; never shown publicly)</label>
      <input id="byline-real" name="realName" type="text" defaultValue={value("realName")} />
      <FieldError state={state} name="realName" />
      <FormMessage state={state} />
      <Submit pending={pending}>Create byline</Submit>
    </form>
  );
}

export function LinkProfileForm({ profileId, users }: { profileId: string; users: { id: string; email: string }[] }) {
  const [state, action, pending] = useForm(linkProfileAction);
  if (users.length === 0) return null;
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="profileId" value={profileId} />
      <select name="userId" aria-label="Login to link" defaultValue="">
        <option value="" disabled>
          Link to a login…
        </option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.email}
          </option>
        ))}
      </select>
      <Submit pending={pending}>Link</Submit>
      <FormMessage state={state} />
    </form>
  );
}
