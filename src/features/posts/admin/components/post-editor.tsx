"use client";
// The post editor: the rich-text body with a live preview from the public pipeline, and the shared
// editor hook (features/editor/use-saved-document.ts): autosave, a browser copy of every keystroke,
// saves that name the revision they started from (a conflict shows both versions), and, for a
// published post, a working copy readers do not see until Update.
import { useCallback, useState } from "react";
import { savePostAction } from "@/features/posts/actions";
import { useSavedDocument } from "@/features/editor/use-saved-document";
import type { EditorVersion, SavedDocument } from "@/features/editor/saved-document";
import { DocumentState } from "@/features/editor/components/DocumentState";
import { slugify } from "@/lib/slug";
import { uploadImageFile } from "@/lib/upload-answer";
import { BodyField } from "./body-field";
import { PostActions } from "./post-actions";
import type { PostActionFlags } from "@/features/posts/permissions";
import type { EditorFields } from "../editor-fields";

type Choice = { id: string; name: string };

export type PostEditorProps = {
  postId: string;
  /** The latest revision: what the editor opens. */
  version: EditorVersion<EditorFields>;
  initialHtml: string;
  categories: Choice[];
  series: Choice[];
  profiles: Choice[];
  canChangeAuthors: boolean;
  /** Only editors add people to a byline; writers may reorder or remove. */
  canAddAuthors: boolean;
  /** Until a post has been public, its address follows the title unless edited by hand. */
  slugFollowsTitle: boolean;
  /** A published post: the fields readers get (its live revision). */
  live: EditorFields | null;
  /** Lifecycle buttons under the editor; they save pending changes before acting. */
  actions?: { flags: PostActionFlags; defaultScheduleLocal: string; changesSubmitted: boolean };
};

const TEXT_FIELDS: [keyof EditorFields, string][] = [
  ["title", "Title"],
  ["slug", "Address"],
  ["standfirst", "Standfirst"],
  ["bodyMarkdown", "Text"],
];
const OTHER_FIELDS: [keyof EditorFields, string][] = [
  ["categoryId", "category"],
  ["tags", "tags"],
  ["seriesId", "series"],
  ["seriesPosition", "number in the series"],
  ["coverImageUrl", "cover image"],
  ["coverImageAlt", "cover image description"],
  ["commentsOpen", "comments"],
  ["coAuthorIds", "authors"],
];

export function PostEditor({ postId, version, initialHtml, categories, series, profiles, canChangeAuthors, canAddAuthors, slugFollowsTitle, live, actions }: PostEditorProps) {
  const initial = version.fields;
  const [slugTouched, setSlugTouched] = useState(!slugFollowsTitle || initial.slug !== slugify(initial.title));
  const [uploading, setUploading] = useState(false);
  const send = useCallback((fields: EditorFields, baseRevisionId: string) => savePostAction({ postId, baseRevisionId, ...fields }), [postId]);
  // The server gives a draft the next free address when the one derived from its title is taken.
  const storedFields = useCallback((sent: EditorFields, saved: SavedDocument) => ({ ...sent, slug: saved.slug }), []);
  const document = useSavedDocument<EditorFields>({
    storageKey: `docket:post-draft:${postId}`,
    initial,
    initialRevisionId: version.revisionId,
    initialSavedAt: version.savedAt,
    initialPending: live !== null && JSON.stringify(live) !== JSON.stringify(initial),
    save: send,
    storedFields,
  });
  const { fields, errors, setErrors, saveState, conflict } = document;

  const update = (changes: Partial<EditorFields>) => {
    const next = { ...changes };
    if (changes.title !== undefined && !slugTouched) next.slug = slugify(changes.title);
    document.update(next);
  };

  async function uploadCover(file: File) {
    setUploading(true);
    try {
      const { url } = await uploadImageFile(file);
      setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => field !== "coverImageUrl")));
      update({ coverImageUrl: url });
    } catch (error) {
      setErrors((current) => ({ ...current, coverImageUrl: (error as Error).message }));
    } finally {
      setUploading(false);
    }
  }

  const fieldError = (name: keyof EditorFields) =>
    errors[name] ? (
      <p className="form-error" id={`${name}-error`} role="alert">
        {errors[name]}
      </p>
    ) : null;
  const invalid = (name: keyof EditorFields) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});

  const moveAuthor = (index: number, offset: number) => {
    const ids = [...fields.coAuthorIds];
    const [moved] = ids.splice(index, 1);
    ids.splice(index + offset, 0, moved);
    update({ coAuthorIds: ids });
  };
  const profileName = (id: string) => profiles.find((profile) => profile.id === id)?.name ?? "Unknown author";

  return (
    <div className="post-editor">
      <DocumentState noun="post" document={document} live={live} textFields={TEXT_FIELDS} otherFields={OTHER_FIELDS} />
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void document.saveNow();
        }}
        noValidate
      >
        <label htmlFor="title">Title</label>
        <input id="title" type="text" value={fields.title} onChange={(event) => update({ title: event.target.value })} {...invalid("title")} />
        {fieldError("title")}

        <label htmlFor="slug">Address</label>
        <div className="slug-field">
          <span className="form-hint">/posts/</span>
          <input
            id="slug"
            type="text"
            value={fields.slug}
            onChange={(event) => {
              setSlugTouched(true);
              update({ slug: event.target.value });
            }}
            {...invalid("slug")}
          />
        </div>
        {fieldError("slug")}

        <label htmlFor="standfirst">Standfirst</label>
        <p className="form-hint">A short introduction shown above the post, e.g. who the guest author is.</p>
        <textarea id="standfirst" rows={2} value={fields.standfirst} onChange={(event) => update({ standfirst: event.target.value })} {...invalid("standfirst")} />
        {fieldError("standfirst")}

        <BodyField value={fields.bodyMarkdown} onChange={(bodyMarkdown) => update({ bodyMarkdown })} initialHtml={initialHtml} error={errors.bodyMarkdown} />

        <div className="field-grid">
          <div>
            <label htmlFor="categoryId">Category</label>
            <select id="categoryId" value={fields.categoryId} onChange={(event) => update({ categoryId: event.target.value })}>
              <option value="">No category</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="tags">Tags</label>
            <input id="tags" type="text" value={fields.tags} placeholder="prisons, sentencing" onChange={(event) => update({ tags: event.target.value })} {...invalid("tags")} />
            {fieldError("tags")}
          </div>
          <div>
            <label htmlFor="seriesId">Series</label>
            <select id="seriesId" value={fields.seriesId} onChange={(event) => update({ seriesId: event.target.value })} {...invalid("seriesId")}>
              <option value="">Not in a series</option>
              {series.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
            {fieldError("seriesId")}
          </div>
          <div>
            <label htmlFor="seriesPosition">Number in the series</label>
            <input id="seriesPosition" type="number" min={1} value={fields.seriesPosition} onChange={(event) => update({ seriesPosition: event.target.value })} {...invalid("seriesPosition")} />
            {fieldError("seriesPosition")}
          </div>
        </div>

        <fieldset className="cover-fieldset">
          <legend>Cover image</legend>
          {fields.coverImageUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- uploads are already resized
            <img src={fields.coverImageUrl} alt="" className="cover-thumb" />
          ) : null}
          <label htmlFor="cover-file">Upload an image (JPEG, PNG, WebP or GIF, up to 8 MB)</label>
          <input
            id="cover-file"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            disabled={uploading}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void uploadCover(file);
              event.target.value = "";
            }}
            {...invalid("coverImageUrl")}
          />
          {uploading && <p className="form-hint">Uploading…</p>}
          {fieldError("coverImageUrl")}
          <label htmlFor="coverImageAlt">Image description (alt text)</label>
          <input id="coverImageAlt" type="text" value={fields.coverImageAlt} onChange={(event) => update({ coverImageAlt: event.target.value })} {...invalid("coverImageAlt")} />
          {fieldError("coverImageAlt")}
          {fields.coverImageUrl && (
            <button type="button" className="secondary" onClick={() => update({ coverImageUrl: "", coverImageAlt: "" })}>
              Remove cover image
            </button>
          )}
        </fieldset>

        <label className="checkbox">
          <input type="checkbox" checked={fields.commentsOpen} onChange={(event) => update({ commentsOpen: event.target.checked })} />
          Allow comments on this post
        </label>
        <p className="form-hint">Comments also close by themselves if the comment settings close them a number of days after publication.</p>

        {canChangeAuthors && (
          <fieldset>
            <legend>Authors, in byline order</legend>
            <ol className="author-list">
              {fields.coAuthorIds.map((id, index) => (
                <li key={id}>
                  {profileName(id)}{" "}
                  <button type="button" className="link-button" disabled={index === 0} onClick={() => moveAuthor(index, -1)} aria-label={`Move ${profileName(id)} up`}>
                    ↑
                  </button>{" "}
                  <button type="button" className="link-button" disabled={index === fields.coAuthorIds.length - 1} onClick={() => moveAuthor(index, 1)} aria-label={`Move ${profileName(id)} down`}>
                    ↓
                  </button>{" "}
                  <button type="button" className="link-button" disabled={fields.coAuthorIds.length === 1} onClick={() => update({ coAuthorIds: fields.coAuthorIds.filter((other) => other !== id) })}>
                    Remove
                  </button>
                </li>
              ))}
            </ol>
            {canAddAuthors && (
              <>
                <label htmlFor="add-author">Add an author</label>
                <select
                  id="add-author"
                  value=""
                  onChange={(event) => {
                    if (event.target.value) update({ coAuthorIds: [...fields.coAuthorIds, event.target.value] });
                  }}
                >
                  <option value="">Choose…</option>
                  {profiles
                    .filter((profile) => !fields.coAuthorIds.includes(profile.id))
                    .map((profile) => (
                      <option key={profile.id} value={profile.id}>
                        {profile.name}
                      </option>
                    ))}
                </select>
              </>
            )}
            {fieldError("coAuthorIds")}
          </fieldset>
        )}

        <div className="actions-row">
          <button type="submit" disabled={saveState.kind === "saving" || conflict !== null}>
            Save
          </button>
        </div>
      </form>
      {actions && (
        <PostActions
          postId={postId}
          flags={actions.flags}
          defaultScheduleLocal={actions.defaultScheduleLocal}
          saveFirst={document.saveNow}
          workingCopy={
            live
              ? {
                  pending: document.pending,
                  changesSubmitted: actions.changesSubmitted,
                  revisionId: document.revisionId,
                  onUpdated: document.markLive,
                  onDiscarded: (revisionId) => document.adopt({ revisionId, fields: live }, "Changes discarded: the editor shows the published version again."),
                  onConflict: document.reportConflict,
                }
              : undefined
          }
        />
      )}
    </div>
  );
}
