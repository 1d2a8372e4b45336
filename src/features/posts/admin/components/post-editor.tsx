"use client";
// The post editor: markdown with a live preview from the public pipeline, autosave, and a copy of
// every keystroke in localStorage so neither a reload nor a failed request loses text.
import { useEffect, useRef, useState } from "react";
import { savePostAction } from "@/features/posts/actions";
import { slugify } from "@/lib/slug";
import { uploadImageFile } from "@/lib/upload-answer";
import { BodyField } from "./body-field";
import type { FieldErrors } from "@/lib/errors";
import { PostActions } from "./post-actions";
import type { PostActionFlags } from "@/features/posts/permissions";
import type { EditorFields } from "../editor-fields";

type Choice = { id: string; name: string };
type LocalCopy = { fields: EditorFields; dirty: boolean; changedAt: string };

export type PostEditorProps = {
  postId: string;
  initial: EditorFields;
  initialHtml: string;
  categories: Choice[];
  series: Choice[];
  profiles: Choice[];
  canChangeAuthors: boolean;
  /** Only editors add people to a byline; writers may reorder or remove. */
  canAddAuthors: boolean;
  /** When the server's copy was last saved (ISO): a browser copy older than that is not restored unasked. */
  serverUpdatedAt: string;
  /** Until a post has been public, its address follows the title unless edited by hand. */
  slugFollowsTitle: boolean;
  /** Lifecycle buttons under the editor; they save pending changes before acting. */
  actions?: { flags: PostActionFlags; defaultScheduleLocal: string };
};

const AUTOSAVE_DELAY_MS = 2500;
const storageKey = (postId: string) => `docket:post-draft:${postId}`;

function readLocalCopy(postId: string): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(storageKey(postId));
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}

function writeLocalCopy(postId: string, copy: LocalCopy) {
  try {
    window.localStorage.setItem(storageKey(postId), JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server copy is still saved by autosave.
  }
}

function sameFields(a: EditorFields, b: EditorFields): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type SaveState = { kind: "idle" | "saving" | "saved" | "failed" | "restored"; message: string };

export function PostEditor({ postId, initial, initialHtml, categories, series, profiles, canChangeAuthors, canAddAuthors, serverUpdatedAt, slugFollowsTitle, actions }: PostEditorProps) {
  const [fields, setFields] = useState<EditorFields>(initial);
  const [slugTouched, setSlugTouched] = useState(!slugFollowsTitle || initial.slug !== slugify(initial.title));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle", message: "All changes saved." });
  const [olderLocalCopy, setOlderLocalCopy] = useState<LocalCopy | null>(null);
  const [uploading, setUploading] = useState(false);
  const fieldsRef = useRef(fields);
  const savedRef = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  async function save(): Promise<boolean> {
    clearTimeout(timer.current);
    const sending = fieldsRef.current;
    if (sameFields(sending, savedRef.current)) {
      // Edited back to what the server already has: nothing to send, and nothing is wrong any more.
      writeLocalCopy(postId, { fields: sending, dirty: false, changedAt: new Date().toISOString() });
      setErrors({});
      setSaveState({ kind: "saved", message: "All changes saved." });
      return true;
    }
    setSaveState({ kind: "saving", message: "Saving…" });
    try {
      const result = await savePostAction({ postId, ...sending });
      if (!result.ok) {
        setErrors(result.fieldErrors);
        setSaveState({ kind: "failed", message: `Not saved: ${result.error} Your text is kept in this browser.` });
        return false;
      }
      const stored = { ...sending, slug: result.data.slug };
      if (fieldsRef.current.slug === sending.slug && result.data.slug !== sending.slug) {
        // The server gave the draft the next free address (the one derived from the title was taken).
        fieldsRef.current = { ...fieldsRef.current, slug: result.data.slug };
        setFields(fieldsRef.current);
      }
      savedRef.current = stored;
      setErrors({});
      if (sameFields(fieldsRef.current, stored)) writeLocalCopy(postId, { fields: stored, dirty: false, changedAt: new Date().toISOString() });
      const time = new Date(result.data.savedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
      setSaveState({ kind: "saved", message: `Saved at ${time}.` });
      return true;
    } catch {
      setSaveState({ kind: "failed", message: "Not saved: the server could not be reached. Your text is kept in this browser; it will be saved when you retry." });
      return false;
    }
  }

  function restoreLocalCopy(local: LocalCopy) {
    fieldsRef.current = local.fields;
    setFields(local.fields);
    setOlderLocalCopy(null);
    setSaveState({ kind: "restored", message: "Restored changes from this browser that had not been saved yet. They will be saved shortly." });
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }

  // A copy this browser never managed to save wins over the server's text, unless the post was saved
  // since (elsewhere, or by an editor): then the writer chooses.
  useEffect(() => {
    const local = readLocalCopy(postId);
    if (!local?.dirty || sameFields(local.fields, initial)) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring from storage happens once, after hydration
    if (new Date(local.changedAt) > new Date(serverUpdatedAt)) restoreLocalCopy(local);
    else setOlderLocalCopy(local);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per post, after hydration
  }, [postId]);

  const update = (changes: Partial<EditorFields>) => {
    const next = { ...fieldsRef.current, ...changes };
    if (changes.title !== undefined && !slugTouched) next.slug = slugify(changes.title);
    fieldsRef.current = next;
    setFields(next);
    writeLocalCopy(postId, { fields: next, dirty: true, changedAt: new Date().toISOString() });
    setSaveState({ kind: "idle", message: "Unsaved changes…" });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  };

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!sameFields(fieldsRef.current, savedRef.current)) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

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
      <p className={`save-state save-${saveState.kind}`} role="status" aria-live="polite">
        {saveState.message}
      </p>
      {olderLocalCopy && (
        <div className="form-notice local-conflict" role="alert">
          <p>
            This browser has changes from {new Date(olderLocalCopy.changedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })} that were
            never saved, but the post has been saved since (elsewhere, or by an editor). The saved version is shown.
          </p>
          <button type="button" onClick={() => restoreLocalCopy(olderLocalCopy)}>
            Use this browser&rsquo;s changes instead
          </button>{" "}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              writeLocalCopy(postId, { fields: savedRef.current, dirty: false, changedAt: new Date().toISOString() });
              setOlderLocalCopy(null);
            }}
          >
            Keep the saved version
          </button>
        </div>
      )}
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
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
          <button type="submit" disabled={saveState.kind === "saving"}>
            Save
          </button>
        </div>
      </form>
      {actions && <PostActions postId={postId} flags={actions.flags} defaultScheduleLocal={actions.defaultScheduleLocal} saveFirst={save} />}
    </div>
  );
}
