"use client";
// A static page's editor: title, address, description for search engines and social cards, and the
// text in the same body field as posts, kept by the same editor hook as posts
// (features/editor/use-saved-document.ts): autosave, a browser copy, saves that name the revision they
// started from, and a working copy for a published page that readers do not see until Update.
import { useCallback, useState } from "react";
import { BodyField } from "@/features/posts/admin/components/body-field";
import { useSavedDocument } from "@/features/editor/use-saved-document";
import type { EditorVersion, SavedDocument } from "@/features/editor/saved-document";
import { DocumentState } from "@/features/editor/components/DocumentState";
import { slugify } from "@/lib/slug";
import { savePageAction } from "../actions";
import type { PageEditorFields } from "../data";
import type { PageActionFlags } from "../permissions";
import { DESCRIPTION_MAX, TITLE_MAX } from "../limits";
import { PageActions } from "./PageActions";

type Props = {
  pageId: string;
  /** The latest revision: what the editor opens. */
  version: EditorVersion<PageEditorFields>;
  /** A published page: what readers get (its live revision). */
  live: PageEditorFields | null;
  initialHtml: string;
  /** Until a page has been published, its address follows the title unless edited by hand. */
  slugFollowsTitle: boolean;
  flags: PageActionFlags;
  status: string;
};

const TEXT_FIELDS: [keyof PageEditorFields, string][] = [
  ["title", "Title"],
  ["slug", "Address"],
  ["description", "Description"],
  ["bodyMarkdown", "Text"],
];

export function PageEditor({ pageId, version, live, initialHtml, slugFollowsTitle, flags, status }: Props) {
  const initial = version.fields;
  const [slugTouched, setSlugTouched] = useState(!slugFollowsTitle || initial.slug !== slugify(initial.title));
  const send = useCallback((fields: PageEditorFields, baseRevisionId: string) => savePageAction({ pageId, baseRevisionId, ...fields }), [pageId]);
  // The server gives a draft the next free address when the one derived from its title is taken.
  const storedFields = useCallback((sent: PageEditorFields, saved: SavedDocument) => ({ ...sent, slug: saved.slug }), []);
  const document = useSavedDocument<PageEditorFields>({
    storageKey: `docket:page-draft:${pageId}`,
    initial,
    initialRevisionId: version.revisionId,
    initialSavedAt: version.savedAt,
    initialPending: live !== null && JSON.stringify(live) !== JSON.stringify(initial),
    save: send,
    storedFields,
  });
  const { fields, errors, saveState, conflict } = document;

  const update = (changes: Partial<PageEditorFields>) => {
    const next = { ...changes };
    if (changes.title !== undefined && !slugTouched) next.slug = slugify(changes.title);
    document.update(next);
  };

  const invalid = (name: keyof PageEditorFields) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const fieldError = (name: keyof PageEditorFields) =>
    errors[name] ? (
      <p className="form-error" id={`${name}-error`} role="alert">
        {errors[name]}
      </p>
    ) : null;

  return (
    <div className="post-editor">
      <DocumentState noun="page" document={document} live={live} textFields={TEXT_FIELDS} otherFields={[]} />
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void document.saveNow();
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
          <button type="submit" disabled={saveState.kind === "saving" || conflict !== null}>
            Save
          </button>
        </div>
      </form>
      <PageActions
        pageId={pageId}
        title={fields.title}
        flags={flags}
        status={status}
        saveFirst={document.saveNow}
        workingCopy={
          live
            ? {
                pending: document.pending,
                revisionId: document.revisionId,
                onUpdated: document.markLive,
                onDiscarded: (revisionId) => document.adopt({ revisionId, fields: live }, "Changes discarded: the editor shows the published version again."),
                onConflict: document.reportConflict,
              }
            : undefined
        }
      />
    </div>
  );
}
