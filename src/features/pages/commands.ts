// Every step of a static page's life as a command (src/lib/action.ts): authors start pages and work
// on their own drafts; editors and admins edit any page, publish, unpublish and delete.
import "server-only";
import { z } from "zod";
import { defineCommand, parseInput } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import type { AuditRecord } from "@/lib/audit";
import { AuthorizationError, InputError, NOT_ALLOWED } from "@/lib/errors";
import { slugify } from "@/lib/slug";
import { tags } from "@/lib/cache-tags";
import { storeUploadedDocument, UnacceptableDocumentError } from "@/features/media/mutations";
import { MAX_DOCUMENT_BYTES, formatFileSize } from "@/features/media/document-kinds";
import { countPageDownloads, findDownloadPage, findPageAccessFacts, findPageForEditing } from "./data";
import {
  addPageDownload,
  createDraftPage,
  deletePage as deletePageRow,
  markPagePublished,
  markPageUnpublished,
  pageTagsFor,
  removePageDownload,
  restorePageRevision as restoreRevision,
  savePageContent,
  uniquePageSlug,
} from "./mutations";
import { canDeletePage, canEditPage, canPublishPage, canUnpublishPage, canViewPageInAdmin, type PageAccessFacts } from "./permissions";
import { attachDownloadSchema, DOWNLOADS_PER_PAGE_MAX, newPageSchema, pageFieldsSchema, pageIdSchema, publishableSchema, removeDownloadSchema, restorePageSchema } from "./schema";

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

export const createPage = defineCommand({
  access: "pages.draft",
  input: newPageSchema,
  async run({ title }, actor) {
    const page = await createDraftPage({ title, userId: actor.id });
    return { message: "Page created.", data: { pageId: page.id }, redirectTo: `/admin/pages/${page.id}` };
  },
  audit: ({ title }, { data }) => pageAudit("created", data.pageId, { title }),
});

/** The fields are parsed after the ownership check, so a refusal is never a field error. */
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
    const saved = await savePageContent(fields, actor.id);
    return { message: "Saved.", tags: saved.tagsToInvalidate, data: { slug: saved.slug, savedAt: new Date().toISOString(), revisionCreated: saved.revisionCreated } };
  },
  audit: ({ pageId }, { data }) => (data.revisionCreated ? pageAudit("saved", pageId) : null),
});

export const publishPage = defineCommand({
  access: "pages.manage",
  input: pageIdSchema,
  async run({ pageId }, actor) {
    const page = await loadPageFor(actor, pageId, canPublishPage);
    parseInput(publishableSchema, await findPageForEditing(page.id));
    const published = await markPagePublished(page.id);
    return { message: `Published at /${published.slug}.`, tags: [...pageTagsFor([published.slug]), tags.redirects] };
  },
  audit: ({ pageId }) => pageAudit("published", pageId),
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
    return { message: "Version restored.", tags: restored.tagsToInvalidate };
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
