// Static pages: each command and its refusals, revisions, what readers see, downloads checked by
// their contents and served as attachments, and the addresses a page may not take.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import { db } from "@/lib/db";
import { AuthorizationError, InputError } from "@/lib/errors";
import { tags } from "@/lib/cache-tags";
import {
  attachPageDownload,
  createPage,
  deletePage,
  publishPage,
  removeDownload,
  restorePageRevision,
  unpublishPage,
  updatePage,
} from "@/features/pages/commands";
import { getPublishedPage, listPublishedPages } from "@/features/pages/data";
import { findRedirect } from "@/features/redirects/data";
import { RESERVED_SLUGS } from "@/features/pages/schema";
import { renderFeed } from "@/features/feeds/documents";
import { listLatestPosts } from "@/features/posts/data";
import { GET as serveUpload } from "@/app/uploads/[...key]/route";
import { POST as uploadDocument } from "@/app/api/uploads/documents/route";
import { createCast, openEditorialTestDatabase, useTestSettings, editPage } from "./editorial-fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let dataDir: string;

beforeAll(async () => {
  dataDir = await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

const fixture = (name: string) => readFile(path.join(import.meta.dirname, "../fixtures/documents", name));
const fileOf = (bytes: Uint8Array, name: string, type = "application/octet-stream") => new File([new Uint8Array(bytes)], name, { type });

let counter = 0;
async function newPage(owner = cast.EDITOR, title = `A page ${++counter}`) {
  const { data } = await runCommand(createPage, owner, { title });
  return data.pageId;
}

async function publishedPage(title: string, body = "Some **words**.") {
  const pageId = await newPage(cast.EDITOR, title);
  await editPage(cast.EDITOR, { pageId, title, bodyMarkdown: body });
  await runCommand(publishPage, cast.EDITOR, { pageId });
  return db().page.findUniqueOrThrow({ where: { id: pageId } });
}

describe("creating and saving a page", () => {
  it("starts a draft at an address from its title, with a first revision and an audit entry", async () => {
    const outcome = await runCommand(createPage, cast.AUTHOR, { title: "Write for us!" });
    expect(outcome.redirectTo).toBe(`/admin/pages/${outcome.data.pageId}`);
    const page = await db().page.findUniqueOrThrow({ where: { id: outcome.data.pageId }, include: { revisions: true } });
    expect(page).toMatchObject({ slug: "write-for-us", status: "DRAFT", createdById: cast.AUTHOR.id });
    expect(page.revisions).toHaveLength(1);
    expect(await db().auditLog.count({ where: { entityType: "Page", entityId: page.id, action: "page.created" } })).toBe(1);
  });

  it("gives a title that names one of Docket's routes, or another page's address, the next free one", async () => {
    const search = await db().page.findUniqueOrThrow({ where: { id: await newPage(cast.EDITOR, "Search") } });
    expect(search.slug).toBe("search-2");
    const first = await db().page.findUniqueOrThrow({ where: { id: await newPage(cast.EDITOR, "Contact") } });
    const second = await db().page.findUniqueOrThrow({ where: { id: await newPage(cast.EDITOR, "Contact") } });
    expect([first.slug, second.slug]).toEqual(["contact", "contact-2"]);
  });

  it("refuses an empty title", async () => {
    await expect(runCommand(createPage, cast.EDITOR, { title: "  " })).rejects.toMatchObject({ message: "Give the page a title.", fieldErrors: { title: "Give the page a title." } });
  });

  it("saves the text as sanitized HTML and keeps a revision only when something changed", async () => {
    const pageId = await newPage();
    const fields = { pageId, title: "Privacy", slug: "privacy", description: "What we keep.", bodyMarkdown: "We keep **little**.<script>alert(1)</script>" };
    const saved = await editPage(cast.EDITOR, fields);
    expect(saved.data.slug).toBe("privacy");
    expect(saved.tags).toEqual([]); // a draft: nothing a reader sees changed
    await editPage(cast.EDITOR, fields);
    const page = await db().page.findUniqueOrThrow({ where: { id: pageId }, include: { revisions: { orderBy: { createdAt: "asc" } } } });
    expect(page.bodyHtml).toContain("<strong>little</strong>");
    expect(page.bodyHtml).not.toContain("<script");
    expect(page.excerpt).toBe("We keep little.");
    expect(page.revisions.map((revision) => revision.title)).toEqual([expect.any(String), "Privacy"]);
  });

  it("refuses an address Docket uses, naming it, and one another page has", async () => {
    const pageId = await newPage();
    for (const slug of ["admin", "feed", "series", "posts"].filter((candidate) => RESERVED_SLUGS.has(candidate))) {
      await expect(editPage(cast.EDITOR, { pageId, title: "Clash", slug })).rejects.toMatchObject({
        fieldErrors: { slug: `“/${slug}” is one of Docket's own addresses. Choose another, like ${slug}-page.` },
      });
    }
    await editPage(cast.EDITOR, { pageId: await newPage(), title: "Taken", slug: "taken-address" });
    await expect(editPage(cast.EDITOR, { pageId, title: "Clash", slug: "taken-address" })).rejects.toMatchObject({
      fieldErrors: { slug: "Another page already uses the address “/taken-address”. Choose a different one." },
    });
    await expect(editPage(cast.EDITOR, { pageId, title: "Clash", slug: "Not A Slug" })).rejects.toBeInstanceOf(InputError);
  });

  it("lets an author work on their own draft, never on someone else's, and never on a published page", async () => {
    const own = await newPage(cast.AUTHOR);
    await expect(editPage(cast.AUTHOR, { pageId: own, title: "Mine", bodyMarkdown: "Text." })).resolves.toMatchObject({ message: "Saved." });
    const editors = await newPage(cast.EDITOR);
    await expect(editPage(cast.AUTHOR, { pageId: editors, title: "Theirs" })).rejects.toMatchObject({ failure: "FORBIDDEN", message: "You are not allowed to do that." });
    await runCommand(publishPage, cast.EDITOR, { pageId: own });
    await expect(editPage(cast.AUTHOR, { pageId: own, title: "Mine again" })).rejects.toBeInstanceOf(AuthorizationError);
    expect((await db().page.findUniqueOrThrow({ where: { id: own } })).title).toBe("Mine");
  });

  it("refuses guests, and anyone signed out", async () => {
    await expect(runCommand(createPage, cast.GUEST, { title: "No" })).rejects.toMatchObject({ failure: "FORBIDDEN" });
    await expect(runCommand(createPage, null, { title: "No" })).rejects.toMatchObject({ failure: "SIGNED_OUT" });
  });
});

describe("publishing", () => {
  it("publishes a page for readers, tagging it for the cache, and keeps its first date when published again", async () => {
    const pageId = await newPage(cast.EDITOR, "Contact us");
    await editPage(cast.EDITOR, { pageId, title: "Contact us", bodyMarkdown: "Write to the editors." });
    expect(await getPublishedPage("contact-us")).toBeNull();
    const published = await runCommand(publishPage, cast.EDITOR, { pageId });
    expect(published).toMatchObject({ message: "Published at /contact-us.", tags: [tags.pages, tags.page("contact-us"), tags.redirects] });
    const page = await getPublishedPage("contact-us");
    expect(page).toMatchObject({ title: "Contact us", bodyHtml: "<p>Write to the editors.</p>", description: "Write to the editors." });
    const firstDate = page!.publishedAt;

    await expect(runCommand(unpublishPage, cast.EDITOR, { pageId })).resolves.toMatchObject({ tags: [tags.pages, tags.page("contact-us")] });
    expect(await getPublishedPage("contact-us")).toBeNull();
    await runCommand(publishPage, cast.EDITOR, { pageId });
    expect((await getPublishedPage("contact-us"))!.publishedAt).toEqual(firstDate);
  });

  it("refuses to publish an empty page, and lets only editors publish or unpublish", async () => {
    const empty = await newPage(cast.EDITOR);
    await expect(runCommand(publishPage, cast.EDITOR, { pageId: empty })).rejects.toMatchObject({ message: "Write the page before publishing it: the text is empty." });
    const own = await newPage(cast.AUTHOR);
    await editPage(cast.AUTHOR, { pageId: own, title: "Ready", bodyMarkdown: "Done." });
    await expect(runCommand(publishPage, cast.AUTHOR, { pageId: own })).rejects.toMatchObject({ failure: "FORBIDDEN" });
    await runCommand(publishPage, cast.ADMIN, { pageId: own });
    await expect(runCommand(unpublishPage, cast.AUTHOR, { pageId: own })).rejects.toMatchObject({ failure: "FORBIDDEN" });
    await expect(runCommand(publishPage, cast.EDITOR, { pageId: own })).rejects.toBeInstanceOf(AuthorizationError); // already published
  });

  it("keeps the old address of a published page that moves leading to it, and invalidates both", async () => {
    const page = await publishedPage("Moving house");
    // Saved, the move is a working copy: readers still find the page where it was.
    const saved = await editPage(cast.EDITOR, { pageId: page.id, title: "Moving house", slug: "new-house", bodyMarkdown: "Some **words**." });
    expect(saved.tags).toEqual([]);
    expect(saved.data).toMatchObject({ pending: true });
    expect(await getPublishedPage("moving-house")).not.toBeNull();
    const updated = await runCommand(updatePage, cast.EDITOR, { pageId: page.id, revisionId: saved.data.revisionId });
    expect(updated.tags).toEqual([tags.pages, tags.page("moving-house"), tags.page("new-house"), tags.redirects]);
    expect(await getPublishedPage("new-house")).not.toBeNull();
    expect(await getPublishedPage("moving-house")).toBeNull();
    expect(await findRedirect("/moving-house")).toBe("/new-house");
    const again = await editPage(cast.EDITOR, { pageId: page.id, title: "Moving house", slug: "newer-house", bodyMarkdown: "Some **words**." });
    await runCommand(updatePage, cast.EDITOR, { pageId: page.id, revisionId: again.data.revisionId });
    expect(await findRedirect("/moving-house")).toBe("/newer-house");
    expect(await findRedirect("/new-house")).toBe("/newer-house");

    // Unpublished, its old addresses lead nowhere; deleted, they go.
    await runCommand(unpublishPage, cast.EDITOR, { pageId: page.id });
    expect(await findRedirect("/moving-house")).toBeNull();
    await runCommand(deletePage, cast.EDITOR, { pageId: page.id });
    expect(await db().redirect.count({ where: { targetType: "PAGE", targetId: page.id } })).toBe(0);
  });

  it("takes over an address that used to redirect elsewhere once it is published", async () => {
    const post = await db().post.create({ data: { slug: `an-old-post-${Date.now()}`, title: "An old post", status: "PUBLISHED", publishedAt: new Date() } });
    await db().redirect.create({ data: { fromPath: "/join-us", targetType: "POST", targetId: post.id } });
    const pageId = await newPage(cast.EDITOR, "Join us");
    await editPage(cast.EDITOR, { pageId, title: "Join us", bodyMarkdown: "Text." });
    expect(await findRedirect("/join-us")).toBe(`/posts/${post.slug}`); // still a draft: the old address keeps working
    await runCommand(publishPage, cast.EDITOR, { pageId });
    expect(await db().redirect.count({ where: { fromPath: "/join-us" } })).toBe(0);
  });

  it("lists published pages for the sitemap, and never puts a page in a feed or a list of posts", async () => {
    const page = await publishedPage("Standing orders", "A page about **standing orders**.");
    expect((await listPublishedPages()).map((entry) => entry.slug)).toContain(page.slug);
    const draft = await db().page.findUniqueOrThrow({ where: { id: await newPage(cast.EDITOR, "Unseen draft") } });
    expect((await listPublishedPages()).map((entry) => entry.slug)).not.toContain(draft.slug);
    expect(await renderFeed({ kind: "site" }, "rss")).not.toContain("Standing orders");
    expect((await listLatestPosts()).posts.map((post) => post.title)).not.toContain("Standing orders");
  });
});

describe("revisions and deletion", () => {
  it("restores an earlier version as a new revision", async () => {
    const pageId = await newPage(cast.EDITOR, "History lesson");
    await editPage(cast.EDITOR, { pageId, title: "History lesson", bodyMarkdown: "First." });
    await editPage(cast.EDITOR, { pageId, title: "History lesson", bodyMarkdown: "Second." });
    const first = await db().pageRevision.findFirstOrThrow({ where: { pageId, bodyMarkdown: "First." } });
    await runCommand(restorePageRevision, cast.EDITOR, { pageId, revisionId: first.id });
    expect((await db().page.findUniqueOrThrow({ where: { id: pageId } })).bodyMarkdown).toBe("First.");
    expect(await db().pageRevision.count({ where: { pageId } })).toBe(4);
    const other = await db().pageRevision.findFirstOrThrow({ where: { pageId: { not: pageId } } });
    await expect(runCommand(restorePageRevision, cast.EDITOR, { pageId, revisionId: other.id })).rejects.toMatchObject({ message: "That version does not belong to this page." });
  });

  it("deletes a page that is not published; a published one must be unpublished first; an author only their own draft", async () => {
    const page = await publishedPage("Short-lived");
    await expect(runCommand(deletePage, cast.EDITOR, { pageId: page.id })).rejects.toBeInstanceOf(AuthorizationError);
    await runCommand(unpublishPage, cast.EDITOR, { pageId: page.id });
    await expect(runCommand(deletePage, cast.EDITOR, { pageId: page.id })).resolves.toMatchObject({ redirectTo: "/admin/pages", tags: [tags.pages, tags.page(page.slug)] });
    expect(await db().page.findUnique({ where: { id: page.id } })).toBeNull();

    const authors = await newPage(cast.AUTHOR);
    await expect(runCommand(deletePage, cast.OTHER, { pageId: authors })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(deletePage, cast.AUTHOR, { pageId: authors })).resolves.toBeDefined();
    await expect(runCommand(deletePage, cast.AUTHOR, { pageId: authors })).rejects.toMatchObject({ message: "This page no longer exists." });
  });
});

describe("downloads", () => {
  it.each([
    ["guide.pdf", "application/pdf"],
    ["guide.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["notes.odt", "application/vnd.oasis.opendocument.text"],
    ["figures.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["slides.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["contributors.csv", "text/csv"],
    ["reading-list.txt", "text/plain"],
  ])("accepts %s, kept as sent under uploads/documents", async (name, mimeType) => {
    const pageId = await newPage();
    const bytes = await fixture(name);
    const { data } = await runCommand(attachPageDownload, cast.EDITOR, { pageId, title: "", file: fileOf(bytes, name) });
    expect(data).toMatchObject({ title: name.replace(/\.[a-z]+$/, ""), fileName: name, mimeType, bytes: bytes.length, url: expect.stringMatching(/^\/uploads\/documents\/\d{4}\/\d{2}\/[a-f0-9]{24}\.[a-z]+$/) });
    expect(await readFile(path.join(dataDir, "uploads", data.url.replace("/uploads/", "")))).toEqual(bytes);
  });

  it("reads the kind from the contents: a program, a renamed document, binary text and an unknown kind are refused", async () => {
    const pageId = await newPage();
    const attach = async (bytes: Uint8Array, name: string) =>
      runCommand(attachPageDownload, cast.EDITOR, { pageId, title: "", file: fileOf(bytes, name) }).then(
        () => "accepted",
        (error: unknown) => (error instanceof InputError ? error.message : error),
      );
    const program = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(200)]);
    expect(await attach(program, "guide.pdf")).toBe("The file's name ends in .pdf, but its contents are not in that format. Save it again as a pdf and upload it.");
    expect(await attach(await fixture("guide.docx"), "guide.pdf")).toMatch(/ends in \.pdf, but its contents are not in that format/);
    expect(await attach(await fixture("guide.pdf"), "guide.docx")).toMatch(/ends in \.docx/);
    expect(await attach(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]), "data.csv")).toMatch(/ends in \.csv/);
    expect(await attach(Buffer.from("<html><script>alert(1)</script>"), "page.html")).toMatch(/^Docket accepts PDF, Word/);
    expect(await attach(await fixture("guide.pdf"), "no-extension")).toMatch(/^Docket accepts PDF, Word/);
    expect(await db().pageDownload.count({ where: { pageId } })).toBe(0);
  });

  it("refuses a file over 20 MB, and an empty one", async () => {
    const pageId = await newPage();
    const big = Buffer.concat([await fixture("guide.pdf"), Buffer.alloc(20 * 1024 * 1024)]);
    await expect(runCommand(attachPageDownload, cast.EDITOR, { pageId, title: "", file: fileOf(big, "big.pdf") })).rejects.toMatchObject({ message: "The file is too large: the limit is 20 MB." });
    await expect(runCommand(attachPageDownload, cast.EDITOR, { pageId, title: "", file: fileOf(Buffer.alloc(0), "empty.pdf") })).rejects.toMatchObject({ message: "Choose a file to upload." });
  });

  it("serves a download as an attachment under its own name (filename* for any character), never sniffed", async () => {
    const page = await publishedPage("Guides");
    const { data } = await runCommand(attachPageDownload, cast.EDITOR, { pageId: page.id, title: "Guide for contributors", file: fileOf(await fixture("guide.pdf"), "Guide für Gäste \"2025\".pdf") });
    expect(data.fileName).toBe("Guide für Gäste 2025.pdf");
    const key = data.url.replace(/^\/uploads\//, "");
    const response = await serveUpload(new Request(`http://docket.test${data.url}`), { params: Promise.resolve({ key: key.split("/") }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="Guide fur Gaste 2025.pdf"; filename*=UTF-8''Guide%20f%C3%BCr%20G%C3%A4ste%202025.pdf`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(await fixture("guide.pdf"));

    const text = await runCommand(attachPageDownload, cast.EDITOR, { pageId: page.id, title: "", file: fileOf(await fixture("reading-list.txt"), "reading-list.txt") });
    const textKey = text.data.url.replace(/^\/uploads\//, "");
    const served = await serveUpload(new Request(`http://docket.test${text.data.url}`), { params: Promise.resolve({ key: textKey.split("/") }) });
    expect(served.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(served.headers.get("content-disposition")).toBe("attachment; filename=reading-list.txt");

    expect((await getPublishedPage(page.slug))!.downloads.map((download) => download.title)).toEqual(["Guide for contributors", "reading-list"]);
  });

  it("removes a download and its file; only someone who may edit the page can add or remove", async () => {
    const pageId = await newPage(cast.AUTHOR);
    const { data } = await runCommand(attachPageDownload, cast.AUTHOR, { pageId, title: "Mine", file: fileOf(await fixture("contributors.csv"), "contributors.csv") });
    const onDisk = path.join(dataDir, "uploads", data.url.replace("/uploads/", ""));
    expect(existsSync(onDisk)).toBe(true);
    await expect(runCommand(attachPageDownload, cast.OTHER, { pageId, title: "", file: fileOf(await fixture("guide.pdf"), "guide.pdf") })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(removeDownload, cast.OTHER, { downloadId: data.downloadId })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(removeDownload, cast.AUTHOR, { downloadId: data.downloadId })).resolves.toMatchObject({ message: "“Mine” removed." });
    expect(existsSync(onDisk)).toBe(false);
    expect(await db().mediaAsset.findUnique({ where: { path: data.url } })).toBeNull();
    await expect(runCommand(removeDownload, cast.AUTHOR, { downloadId: data.downloadId })).rejects.toMatchObject({ message: "That download is no longer on the page." });
  });

  it("refuses a body over the limit at POST /api/uploads/documents before reading it", async () => {
    const tooBig = await uploadDocument(new Request("http://docket.test/api/uploads/documents", { method: "POST", headers: { "content-length": String(21 * 1024 * 1024) }, body: "x" }));
    expect(tooBig.status).toBe(413);
  });
});

describe("addresses Docket keeps for itself", () => {
  it("reserves every top-level route, public file and Next's own", async () => {
    const root = path.join(import.meta.dirname, "../..");
    const routes = [...(await readdir(path.join(root, "src/app"))), ...(await readdir(path.join(root, "src/app/(site)"))), ...(await readdir(path.join(root, "public")))];
    const segments = routes.filter((name) => !/^[([_]/.test(name) && !/\.(tsx?|css)$/.test(name) && name !== "page.tsx");
    // Files that Next serves at the top level by convention.
    const conventions = ["sitemap.xml", "robots.txt", "favicon.ico", "apple-touch-icon.png", "_next"];
    for (const segment of [...segments, ...conventions]) expect(RESERVED_SLUGS.has(segment), segment).toBe(true);
  });
});
