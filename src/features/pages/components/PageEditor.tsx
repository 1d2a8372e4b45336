"use client";
// A static page's editor: title, address, description for search engines and social cards, and the
// text in the same body field as posts. Saving keeps everything typed on failure; leaving with unsaved
// changes asks first.
import { useEffect, useRef, useState } from "react";
import { BodyField } from "@/features/posts/admin/components/body-field";
import type { FieldErrors } from "@/lib/errors";
import { slugify } from "@/lib/slug";
import { savePageAction } from "../actions";
import type { PageActionFlags } from "../permissions";
import { DESCRIPTION_MAX, TITLE_MAX } from "../limits";
import { PageActions } from "./PageActions";

export type PageEditorFields = { title: string; slug: string; description: string; bodyMarkdown: string };

type Props = {
  pageId: string;
  initial: PageEditorFields;
  initialHtml: string;
  /** Until a page has been published, its address follows the title unless edited by hand. */
  slugFollowsTitle: boolean;
  flags: PageActionFlags;
  status: string;
};

type SaveState = { kind: "idle" | "saving" | "saved" | "failed"; message: string };

const same = (a: PageEditorFields, b: PageEditorFields) => JSON.stringify(a) === JSON.stringify(b);

export function PageEditor({ pageId, initial, initialHtml, slugFollowsTitle, flags, status }: Props) {
  const [fields, setFields] = useState(initial);
  const [slugTouched, setSlugTouched] = useState(!slugFollowsTitle || initial.slug !== slugify(initial.title));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle", message: "All changes saved." });
  const fieldsRef = useRef(fields);
  const savedRef = useRef(initial);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!same(fieldsRef.current, savedRef.current)) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const update = (changes: Partial<PageEditorFields>) => {
    const next = { ...fieldsRef.current, ...changes };
    if (changes.title !== undefined && !slugTouched) next.slug = slugify(changes.title);
    fieldsRef.current = next;
    setFields(next);
    setSaveState({ kind: "idle", message: "Unsaved changes." });
  };

  async function save(): Promise<boolean> {
    const sending = fieldsRef.current;
    if (same(sending, savedRef.current)) {
      setErrors({});
      setSaveState({ kind: "saved", message: "All changes saved." });
      return true;
    }
    setSaveState({ kind: "saving", message: "Saving…" });
    try {
      const result = await savePageAction({ pageId, ...sending });
      if (!result.ok) {
        setErrors(result.fieldErrors);
        setSaveState({ kind: "failed", message: `Not saved: ${result.error} Your text is still here.` });
        return false;
      }
      savedRef.current = { ...sending, slug: result.data.slug };
      if (fieldsRef.current.slug === sending.slug && result.data.slug !== sending.slug) {
        // The server gave the page the next free address (the one derived from the title was taken).
        fieldsRef.current = { ...fieldsRef.current, slug: result.data.slug };
        setFields(fieldsRef.current);
      }
      setErrors({});
      const time = new Date(result.data.savedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
      setSaveState({ kind: "saved", message: `Saved at ${time}.` });
      return true;
    } catch {
      setSaveState({ kind: "failed", message: "Not saved: the server could not be reached. Your text is still here; try again." });
      return false;
    }
  }

  const invalid = (name: keyof PageEditorFields) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const fieldError = (name: keyof PageEditorFields) =>
    errors[name] ? (
      <p className="form-error" id={`${name}-error`} role="alert">
        {errors[name]}
      </p>
    ) : null;

  return (
    <div className="post-editor">
      <p className={`save-state save-${saveState.kind}`} role="status" aria-live="polite">
        {saveState.message}
      </p>
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        noValidate
      >
        <label htmlFor="title">Title</label>
        <input id="title" type="text" maxLength={TITLE_MAX} value={fields.title} onChange={(event) => update({ title: event.target.value })} {...invalid("title")} />
        {fieldError("title")}

        <label htmlFor="slug">Address</label>
        <div className="slug-field">
          <span className="form-hint">/</span>
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

        <label htmlFor="description">Description</label>
        <p className="form-hint">One or two sentences for search results and social cards. Empty: the text&rsquo;s opening is used.</p>
        <textarea id="description" rows={2} maxLength={DESCRIPTION_MAX} value={fields.description} onChange={(event) => update({ description: event.target.value })} {...invalid("description")} />
        {fieldError("description")}

        <BodyField value={fields.bodyMarkdown} onChange={(bodyMarkdown) => update({ bodyMarkdown })} initialHtml={initialHtml} error={errors.bodyMarkdown} />

        <div className="actions-row">
          <button type="submit" disabled={saveState.kind === "saving"}>
            Save
          </button>
        </div>
      </form>
      <PageActions pageId={pageId} title={fields.title} flags={flags} status={status} saveFirst={save} />
    </div>
  );
}
