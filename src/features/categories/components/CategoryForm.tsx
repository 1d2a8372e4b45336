"use client";
// Creating and editing a category with its sponsor block, and deleting one. A failed save keeps
// everything typed and says what to fix.
import { useActionState } from "react";
import { describedField, FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { ImageUploadField } from "@/components/ImageUploadField";
import { initialFormState } from "@/lib/action-result";
import { createCategoryAction, deleteCategoryAction, saveCategoryAction } from "../actions";

export type CategoryFormValues = {
  name: string;
  slug: string;
  description: string;
  sponsorName: string;
  sponsorUrl: string;
  sponsorText: string;
  sponsorStrapline: string;
  sponsorLogoUrl: string;
  sponsorLogoAlt: string;
  sponsorStartsOn: string;
  sponsorEndsOn: string;
};

export const emptyCategory: CategoryFormValues = {
  name: "",
  slug: "",
  description: "",
  sponsorName: "",
  sponsorUrl: "",
  sponsorText: "",
  sponsorStrapline: "",
  sponsorLogoUrl: "",
  sponsorLogoAlt: "",
  sponsorStartsOn: "",
  sponsorEndsOn: "",
};


export function CategoryForm({ categoryId, initial }: { categoryId?: string; initial: CategoryFormValues }) {
  const [state, action, pending] = useActionState(categoryId ? saveCategoryAction : createCategoryAction, initialFormState);
  const value = (name: keyof CategoryFormValues) => state.values[name] ?? initial[name];
  const text = (name: keyof CategoryFormValues, label: string, hint?: string, type: "text" | "url" | "date" = "text") => (
    <>
      <label htmlFor={name}>{label}</label>
      {hint && (
        <p className="form-hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      <input id={name} name={name} type={type} defaultValue={value(name)} {...(hint ? describedField(state, name, `${name}-hint`) : invalidField(state, name))} />
      <FieldError state={state} name={name} />
    </>
  );
  return (
    <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
      {categoryId && <input type="hidden" name="categoryId" value={categoryId} />}
      {text("name", "Name")}
      {text("slug", "Slug", `The category’s address: /categories/slug. Leave it empty to make one from the name.${categoryId ? " If you change it, the old address redirects to the new one." : ""}`)}
      <label htmlFor="description">Description</label>
      <textarea id="description" name="description" rows={3} defaultValue={value("description")} {...invalidField(state, "description")} />
      <FieldError state={state} name="description" />
      <fieldset>
        <legend>Sponsor block</legend>
        <p className="form-hint">Shown on the category’s page and on each of its posts. Leave the sponsor’s name empty for no block.</p>
        {text("sponsorName", "Sponsor’s name")}
        {text("sponsorUrl", "Sponsor’s link", "Readers’ browsers and search engines are told it is a sponsored link.", "url")}
        {text("sponsorText", "The line shown", "For example: “Probation posts are sponsored by the Fieldwork Learning Trust.” Empty: “<category> posts are sponsored by <sponsor>.”")}
        {text("sponsorStrapline", "Strapline (optional)", "A short line under it, such as the sponsor’s own motto.")}
        <ImageUploadField urlName="sponsorLogoUrl" altName="sponsorLogoAlt" label="Logo (optional)" initialUrl={value("sponsorLogoUrl")} initialAlt={value("sponsorLogoAlt")} state={state} />
        <div className="field-grid">
          <div>{text("sponsorStartsOn", "First day", "London date. Empty: from now.", "date")}</div>
          <div>{text("sponsorEndsOn", "Last day", "London date, included. Empty: until you remove it.", "date")}</div>
        </div>
      </fieldset>
      <FormMessage state={state} />
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : categoryId ? "Save category" : "Create category"}
      </button>
    </form>
  );
}

type DeletionProps = { categoryId: string; name: string; postCount: number; subscriberCount: number; others: { id: string; name: string }[] };

/** Deletes the category after the editor chooses where its posts (and subscribers) go. */
export function CategoryDeletion({ categoryId, name, postCount, subscriberCount, others }: DeletionProps) {
  const [state, action, pending] = useActionState(deleteCategoryAction, initialFormState);
  const posts = postCount === 1 ? "1 post" : `${postCount} posts`;
  return (
    <form action={action} className="admin-form danger-zone" key={`${state.status}-${state.message}`} noValidate>
      <input type="hidden" name="categoryId" value={categoryId} />
      <label htmlFor="moveTo">Move its {posts} to</label>
      <p className="form-hint" id="moveTo-hint">
        Its old address then leads to the category you choose
        {subscriberCount > 0 ? `, and its ${subscriberCount === 1 ? "subscriber follows" : `${subscriberCount} subscribers follow`} that category instead` : ""}.
      </p>
      <select id="moveTo" name="moveTo" defaultValue={state.values.moveTo ?? ""} {...describedField(state, "moveTo", "moveTo-hint")}>
        <option value="">No category</option>
        {others.map((other) => (
          <option key={other.id} value={other.id}>
            {other.name}
          </option>
        ))}
      </select>
      <FieldError state={state} name="moveTo" />
      <FormMessage state={state} />
      <button type="submit" className="danger" disabled={pending}>
        Delete “{name}”
      </button>
    </form>
  );
}
