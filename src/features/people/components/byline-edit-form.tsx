"use client";
// An editor's form for any byline: the public fields, the picture, and the pen name's real name
// (stored for editors only). On failure it keeps every value and says what to fix.
import { useActionState } from "react";
import { describedField, FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { editBylineAction } from "../actions";
import { ImageUploadField } from "@/components/ImageUploadField";

export type BylineValues = {
  displayName: string;
  slug: string;
  bio: string;
  xHandle: string;
  website: string;
  avatarUrl: string;
  isPseudonymous: boolean;
  realName: string;
};

export function BylineEditForm({ profileId, initial }: { profileId: string; initial: BylineValues }) {
  const [state, action, pending] = useActionState(editBylineAction, initialFormState);
  const failed = state.status === "error";
  const value = (name: Exclude<keyof BylineValues, "isPseudonymous">) => state.values[name] ?? initial[name];
  const isPseudonymous = failed ? state.values.isPseudonymous === "on" : initial.isPseudonymous;
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="profileId" value={profileId} />
      <label htmlFor="byline-displayName">Name readers see</label>
      <input id="byline-displayName" name="displayName" type="text" defaultValue={value("displayName")} {...invalidField(state, "displayName")} />
      <FieldError state={state} name="displayName" />

      <label htmlFor="byline-slug">Author page address</label>
      <p className="form-hint" id="byline-slug-hint">
        /authors/<strong>{initial.slug}</strong> today. When it changes, the old address leads to the new one.
      </p>
      <input
        id="byline-slug"
        name="slug"
        type="text"
        defaultValue={value("slug")}
        autoCapitalize="none"
        spellCheck={false}
        {...describedField(state, "slug", "byline-slug-hint")}
      />
      <FieldError state={state} name="slug" />

      <label htmlFor="byline-bio">Bio</label>
      <textarea id="byline-bio" name="bio" rows={5} defaultValue={value("bio")} {...invalidField(state, "bio")} />
      <FieldError state={state} name="bio" />

      <ImageUploadField urlName="avatarUrl" label="Picture" initialUrl={value("avatarUrl")} state={state} />

      <label htmlFor="byline-xHandle">X / Twitter handle</label>
      <input id="byline-xHandle" name="xHandle" type="text" placeholder="@handle" defaultValue={value("xHandle")} {...invalidField(state, "xHandle")} />
      <FieldError state={state} name="xHandle" />

      <label htmlFor="byline-website">Website</label>
      <input id="byline-website" name="website" type="url" placeholder="https://" defaultValue={value("website")} {...invalidField(state, "website")} />
      <FieldError state={state} name="website" />

      <fieldset>
        <legend>Pen name</legend>
        <label className="checkbox">
          <input type="checkbox" name="isPseudonymous" defaultChecked={isPseudonymous} /> The name above is a pen name
        </label>
        <label htmlFor="byline-realName">Real name (editors only; never shown to readers)</label>
        <input id="byline-realName" name="realName" type="text" defaultValue={value("realName")} {...invalidField(state, "realName")} />
        <FieldError state={state} name="realName" />
      </fieldset>

      <FormMessage state={state} />
      <button type="submit" disabled={pending}>
        Save byline
      </button>
    </form>
  );
}
