// Every step of a static page's life as a command (src/lib/action.ts): authors start pages and work
// on their own drafts; editors and admins edit any page, publish, unpublish and delete.
import "server-only";
import { z } from "zod";
import { defineCommand, parseInput } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import type { AuditRecord } from "@/lib/audit";
import { AuthorizationError, ConflictError, InputError, NOT_ALLOWED } from "@/lib/errors";
import { slugify } from "@/lib/slug";
import { tags } from "@/lib/cache-tags";
import { storeUploadedDocument, UnacceptableDocumentError } from "@/features/media/mutations";
import { MAX_DOCUMENT_BYTES, formatFileSize } from "@/features/media/document-kinds";
import { countPageDownloads, findDownloadPage, findPageAccessFacts, findPageForEditing, findPageVersion } from "./data";
import {
  addPageDownload,
  createDraftPage,
  deletePage as deletePageRow,
  discardPageChanges as discardWorkingCopy,
  makePageRevisionLive,
  markPagePublished,
  markPageUnpublished,
  pageTagsFor,
  removePageDownload,
  restorePageRevision as restoreRevision,
  savePageRevision,
  StalePageBaseError,
  uniquePageSlug,
} from "./mutations";
import { canDeletePage, canEditPage, canPublishPage, canUnpublishPage, canUpdatePage, canViewPageInAdmin, type PageAccessFacts } from "./permissions";
import { attachDownloadSchema, DOWNLOADS_PER_PAGE_MAX, newPageSchema, pageFieldsSchema, pageIdSchema, publishableSchema, removeDownloadSchema, restorePageSchema, updatePageSchema } from "./schema";
import { baseRevisionSchema } from "@/features/posts/schema";
import { imagesNotReady } from "@/lib/markdown";

type PageRule = (user: SessionUser, page: PageAccessFacts) => boolean;

/** The page, once the rule allows this user to act on it in its current state. */
async function loadPageFor(user: SessionUser, pageId: string, allowed: PageRule) {
  const page = await findPageAccessFacts(pageId);
  if (!page) throw new InputError("This page no longer exists.");
  if (!allowed(user, page)) {
    const visible = canViewPageInAdmin(user, page);
    throw new AuthorizationError("FORBIDDEN", visible ? "You are not allowed to do that to this page in its current state." : NOT_ALLOWED);
  }
  return page;
}

const pageAudit = (action: string, pageId: string, details?: Record<string, string>): AuditRecord => ({ action: `page.${action}`, entityType: "Page", entityId: pageId, details });

const CONFLICT_MESSAGE = "Someone else saved this page since you opened it. Both versions are shown: choose which to keep.";

/** A save from an older version as the editor's conflict: the other version travels with it. */
async function asConflict(error: unknown): Promise<never> {
  if (!(error instanceof StalePageBaseError)) throw error;
  throw new ConflictError(CONFLICT_MESSAGE, await findPageVersion(error.latest.id));
}

/** What a page must have before readers see it: a text, and every image uploaded and described. */
function assertPublishable(page: { bodyMarkdown: string } | null) {
  parseInput(publishableSchema, page);
  const problem = imagesNotReady(page?.bodyMarkdown ?? "");
  if (problem) {
    const message = `Before the page goes out, ${problem}.`;
    throw new InputError(message, { bodyMarkdown: message });
  }
}

export const createPage = defineCommand({
  access: "pages.draft",
  input: newPageSchema,
  async run({ title }, actor) {
    const page = await createDraftPage({ title, userId: actor.id });
    return { message: "Page created.", data: { pageId: page.id }, redirectTo: `/admin/pages/${page.id}` };
  },
  audit: ({ title }, { data }) => pageAudit("created", data.pageId, { title }),
});

/**
 * The editor's save (autosave too), with the revision it started from. The fields are parsed after the
 * ownership check, so a refusal is never a field error. A published page's save is its working copy.
 */
export const savePage = defineCommand({
  access: "pages.draft",
  input: z.object({ pageId: pageIdSchema.shape.pageId }).loose(),
  async run(input, actor) {
    const page = await loadPageFor(actor, input.pageId, canEditPage);
    // No address given: a published page keeps its own; a draft's follows the title.
    const given = typeof input.slug === "string" ? input.slug.trim() : "";
    const fields = parseInput(pageFieldsSchema, { ...input, slug: given || (page.status === "PUBLISHED" ? page.slug : "") });
    if (page.status !== "PUBLISHED" && fields.slug === slugify(fields.title)) {
      // An address derived from the title gives way to another page's, rather than blocking the save.
      fields.slug = await uniquePageSlug(fields.slug, page.id);
    }
    const { baseRevisionId } = parseInput(baseRevisionSchema, input);
    const saved = await savePageRevision(fields, actor.id, baseRevisionId).catch(asConflict);
    return {
      message: saved.pending ? "Saved. Readers still see the published version." : "Saved.",
      tags: saved.tagsToInvalidate,
      data: { slug: saved.slug, savedAt: new Date().toISOString(), revisionId: saved.revisionId, pending: saved.pending, revisionCreated: saved.revisionCreated },
    };
  },
  audit: ({ pageId }, { data }) => (data.revisionCreated ? pageAudit("saved", pageId, { revisionId: data.revisionId }) : null),
});

export const publishPage = defineCommand({
  access: "pages.manage",
  input: pageIdSchema,
  async run({ pageId }, actor) {
    const page = await loadPageFor(actor, pageId, canPublishPage);
    assertPublishable(await findPageForEditing(page.id));
    const published = await markPagePublished(page.id);
    return { message: `Published at /${published.slug}.`, tags: [...pageTagsFor([published.slug]), tags.redirects] };
  },
  audit: ({ pageId }) => pageAudit("published", pageId),
});

/** Update: a published page's working copy goes live, exactly the revision the editor shows. */
export const updatePage = defineCommand({
  access: "pages.manage",
  input: updatePageSchema,
  async run({ pageId, revisionId }, actor) {
    const page = await loadPageFor(actor, pageId, canUpdatePage);
    assertPublishable(await findPageForEditing(page.id));
    const updated = await makePageRevisionLive(page.id, revisionId).catch(asConflict);
    if (!updated.changed) return { message: "Nothing to update: readers already see this version.", data: { revisionId: updated.revisionId, changed: false } };
    return { message: "Updated: readers now see this version.", tags: updated.tagsToInvalidate, data: { revisionId: updated.revisionId, changed: true } };
  },
  audit: ({ pageId }, { data }) => (data.changed ? pageAudit("updated", pageId, { revisionId: data.revisionId }) : null),
});

/** Discard changes: a published page's working copy goes; readers never saw it. */
export const discardPageChanges = defineCommand({
  access: "pages.manage",
  input: pageIdSchema,
  async run({ pageId }, actor) {
    const page = await loadPageFor(actor, pageId, canUpdatePage);
    const discarded = await discardWorkingCopy(page.id, actor.id);
    return {
      message: discarded.discarded ? "Changes discarded: the editor shows the published version again." : "There were no changes to discard.",
      data: { revisionId: discarded.revisionId, discarded: discarded.discarded },
    };
  },
  audit: ({ pageId }, { data }) => (data.discarded ? pageAudit("changes-discarded", pageId) : null),
});

export const unpublishPage = defineCommand({
  access: "pages.manage",
  input: pageIdSchema,
  async run({ pageId }, actor) {
    const page = await loadPageFor(actor, pageId, canUnpublishPage);
    const moved = await markPageUnpublished(page.id);
    return { message: "Unpublished: readers no longer see it.", tags: pageTagsFor([moved.slug]) };
  },
  audit: ({ pageId }) => pageAudit("unpublished", pageId),
});

export const deletePage = defineCommand({
  access: "pages.draft",
  input: pageIdSchema,
  async run({ pageId }, actor) {
    const page = await loadPageFor(actor, pageId, canDeletePage);
    await deletePageRow(page.id);
    return { message: "Page deleted.", tags: pageTagsFor([page.slug]), redirectTo: "/admin/pages", data: { slug: page.slug } };
  },
  audit: ({ pageId }, { data }) => pageAudit("deleted", pageId, { slug: data.slug }),
});

export const restorePageRevision = defineCommand({
  access: "pages.draft",
  input: restorePageSchema,
  async run({ pageId, revisionId }, actor) {
    const page = await loadPageFor(actor, pageId, canEditPage);
    const restored = await restoreRevision(page.id, revisionId, actor.id);
    if (!restored) throw new InputError("That version does not belong to this page.");
    const message = restored.pending ? "Version restored as a working copy: readers see the published version until the page is updated." : "Version restored.";
    return { message, tags: restored.tagsToInvalidate };
  },
  audit: ({ pageId, revisionId }) => pageAudit("revision-restored", pageId, { revisionId }),
});

/** Uploads a document and offers it on the page (route handler: POST /api/uploads/documents). */
export const attachPageDownload = defineCommand({
  access: "pages.draft",
  input: attachDownloadSchema,
  async run({ pageId, title, file }, actor) {
    const page = await loadPageFor(actor, pageId, canEditPage);
    if (file.size > MAX_DOCUMENT_BYTES) throw new InputError(`The file is too large: the limit is ${formatFileSize(MAX_DOCUMENT_BYTES)}.`, { file: "Choose a smaller file." });
    if ((await countPageDownloads(page.id)) >= DOWNLOADS_PER_PAGE_MAX) throw new InputError(`A page offers at most ${DOWNLOADS_PER_PAGE_MAX} downloads. Remove one first.`);
    let stored;
    try {
      stored = await storeUploadedDocument(Buffer.from(await file.arrayBuffer()), file.name, actor.id);
    } catch (error) {
      if (error instanceof UnacceptableDocumentError) throw new InputError(error.message, { file: error.message });
      throw error;
    }
    const label = title || stored.fileName.replace(/\.[a-z]+$/, "");
    const download = await addPageDownload(page.id, stored.assetId, label);
    return {
      message: `“${label}” added.`,
      tags: page.status === "PUBLISHED" ? pageTagsFor([page.slug]) : [],
      data: { downloadId: download.id, title: label, url: stored.url, fileName: stored.fileName, mimeType: stored.mimeType, bytes: stored.bytes },
    };
  },
  audit: ({ pageId }, { data }) => pageAudit("download-added", pageId, { fileName: data.fileName }),
});

export const removeDownload = defineCommand({
  access: "pages.draft",
  input: removeDownloadSchema,
  async run({ downloadId }, actor) {
    const download = await findDownloadPage(downloadId);
    if (!download) throw new InputError("That download is no longer on the page.");
    await loadPageFor(actor, download.page.id, canEditPage);
    await removePageDownload(download.id, download.mediaAssetId);
    return {
      message: `“${download.title}” removed.`,
      tags: download.page.status === "PUBLISHED" ? pageTagsFor([download.page.slug]) : [],
      data: { pageId: download.page.id, title: download.title },
    };
  },
  audit: (_input, { data }) => pageAudit("download-removed", data.pageId, { title: data.title }),
});
