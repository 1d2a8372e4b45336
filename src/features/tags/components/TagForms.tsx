"use client";
// Renaming, merging and deleting tags. A failed form keeps what was chosen and says why.
import { useActionState } from "react";
import { describedField, FieldError, FormMessage, invalidField } from "@/components/FormFeedback";
import { initialFormState } from "@/lib/action-result";
import { deleteTagAction, mergeTagsAction, renameTagAction } from "../actions";

type TagChoice = { id: string; name: string; postCount: number };


const postCount = (count: number) => (count === 1 ? "1 post" : `${count} posts`);

export function TagRenameForm({ tag }: { tag: { id: string; name: string; slug: string } }) {
  const [state, action, pending] = useActionState(renameTagAction, initialFormState);
  const value = (name: "name" | "slug") => state.values[name] ?? tag[name];
  return (
    <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
      <input type="hidden" name="tagId" value={tag.id} />
      <label htmlFor="name">Name</label>
      <input id="name" name="name" type="text" defaultValue={value("name")} {...invalidField(state, "name")} />
      <FieldError state={state} name="name" />
      <label htmlFor="slug">Slug</label>
      <p className="form-hint" id="slug-hint">
        The tag’s address: /tags/<em>slug</em>. Empty: made from the name. The old address redirects to the new one.
      </p>
      <input id="slug" name="slug" type="text" defaultValue={value("slug")} {...describedField(state, "slug", "slug-hint")} />
      <FieldError state={state} name="slug" />
      <FormMessage state={state} />
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Rename tag"}
      </button>
    </form>
  );
}

/** Merge one tag into another; with `fromTag` the first is fixed (the tag's own page). */
export function TagMergeForm({ tags, fromTag }: { tags: TagChoice[]; fromTag?: TagChoice }) {
  const [state, action, pending] = useActionState(mergeTagsAction, initialFormState);
  const choices = (exclude?: string) =>
    tags
      .filter((tag) => tag.id !== exclude)
      .map((tag) => (
        <option key={tag.id} value={tag.id}>
          {tag.name} ({postCount(tag.postCount)})
        </option>
      ));
  return (
    <form action={action} className="admin-form" key={`${state.status}-${state.message}`} noValidate>
      {fromTag ? (
        <input type="hidden" name="fromTagId" value={fromTag.id} />
      ) : (
        <>
          <label htmlFor="fromTagId">Merge the tag</label>
          <select id="fromTagId" name="fromTagId" defaultValue={state.values.fromTagId ?? ""} {...invalidField(state, "fromTagId")}>
            <option value="" disabled>
              Choose a tag…
            </option>
            {choices()}
          </select>
          <FieldError state={state} name="fromTagId" />
        </>
      )}
      <label htmlFor="intoTagId">{fromTag ? `Merge “${fromTag.name}” into` : "into the tag"}</label>
      <p className="form-hint" id="intoTagId-hint">
        {fromTag
          ? `Its posts get the tag you choose instead, “${fromTag.name}” goes, and its address redirects to the other tag’s.`
          : "The first tag’s posts get the second tag instead, the first tag goes, and its address redirects to the second’s."}
      </p>
      <select id="intoTagId" name="intoTagId" defaultValue={state.values.intoTagId ?? ""} {...describedField(state, "intoTagId", "intoTagId-hint")}>
        <option value="" disabled>
          Choose a tag…
        </option>
        {choices(fromTag?.id)}
      </select>
      <FieldError state={state} name="intoTagId" />
      <FormMessage state={state} />
      <button type="submit" disabled={pending}>
        Merge tags
      </button>
    </form>
  );
}

export function TagDeletion({ tag }: { tag: TagChoice }) {
  const [state, action, pending] = useActionState(deleteTagAction, initialFormState);
  return (
    <form action={action} className="admin-form danger-zone">
      <input type="hidden" name="tagId" value={tag.id} />
      <p className="form-hint">
        {tag.postCount === 0 ? "No post has this tag." : `Deleting takes the tag off ${postCount(tag.postCount)}; the posts themselves stay as they are.`} Its address stops working.
      </p>
      <FormMessage state={state} />
      <button type="submit" className="danger" disabled={pending}>
        Delete “{tag.name}”
      </button>
    </form>
  );
}
