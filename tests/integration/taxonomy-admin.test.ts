// Series, categories (with their sponsor blocks) and tags through their commands: what an editor
// may do, what is refused and why, the audit entries, the cache tags each change touches, and what
// readers then see (including old addresses).
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { AuthorizationError, InputError, UserFacingError } from "@/lib/errors";
import { toLondonLocal } from "@/lib/london-time";
import { archiveSeries, createSeries, deleteSeries, saveSeries } from "@/features/series/commands";
import { getPublicSeries, listPublicSeries } from "@/features/series/data";
import { createCategory, deleteCategory, saveCategory } from "@/features/categories/commands";
import { getPublicCategory } from "@/features/categories/data";
import { deleteTag, mergeTags, renameTag } from "@/features/tags/commands";
import { getPublicTag } from "@/features/tags/data";
import { getPublishedPost, getSeriesContext } from "@/features/posts/data";
import { findRedirect } from "@/features/redirects/data";
import { feedResponse } from "@/features/feeds/documents";
import { createCast, createTestPost, openEditorialTestDatabase, useTestSettings, editPost } from "./editorial-fixtures";

let cast: Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

const DAY = 24 * 60 * 60 * 1000;
let counter = 0;
const unique = (base: string) => `${base}-${++counter}-${Date.now().toString(36)}`;

/** The input as a form sends it: every field a string, the checkbox "on" when ticked. */
function seriesForm(overrides: Record<string, string> = {}) {
  return { title: unique("Why I tweet"), slug: "", description: "", coverImageUrl: "", coverImageAlt: "", status: "running", showsTeaser: "on", ...overrides };
}

async function expectInputError(promise: Promise<unknown>, fieldErrors: Record<string, string | RegExp>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  const expected = Object.fromEntries(Object.entries(fieldErrors).map(([field, message]) => [field, typeof message === "string" ? message : expect.stringMatching(message)]));
  expect((error as InputError).fieldErrors).toMatchObject(expected);
}

async function auditActions(entityId: string): Promise<string[]> {
  const entries = await db().auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" }, select: { action: true } });
  return entries.map((entry) => entry.action);
}

async function publishedPostIn(owner: SessionUser, data: { seriesId?: string; categoryId?: string; tagIds?: string[] }) {
  const post = await createTestPost(owner, "PUBLISHED", { seriesId: data.seriesId });
  await db().post.update({ where: { id: post.id }, data: { categoryId: data.categoryId, tags: data.tagIds ? { create: data.tagIds.map((tagId) => ({ tagId })) } : undefined } });
  return post;
}

describe("series", () => {
  it("an editor creates one: the slug comes from the title, the description is rendered and sanitized, readers see it once it has a published post", async () => {
    const title = unique("Life After Release");
    const created = await runCommand(createSeries, cast.EDITOR, seriesForm({
      title,
      description: "Voices from **outside**.\n\n<script>alert(1)</script>\n\n[a link](javascript:alert(1))",
      coverImageUrl: "/uploads/2026/11/cover.webp",
      coverImageAlt: "A prison gate, open",
    }));
    const seriesId = created.data.seriesId;
    expect(created.redirectTo).toBe(`/admin/series/${seriesId}?created=1`);
    const stored = await db().series.findUniqueOrThrow({ where: { id: seriesId } });
    expect(stored).toMatchObject({ title, slug: title.toLowerCase().replace(/ /g, "-"), isRunning: true, showsTeaser: true, coverImageAlt: "A prison gate, open" });
    expect(created.tags).toEqual(expect.arrayContaining(["series", `series:${stored.slug}`, "redirects"]));
    expect(await auditActions(seriesId)).toEqual(["series.created"]);

    expect(await getPublicSeries(stored.slug)).toBeNull();
    await publishedPostIn(cast.AUTHOR, { seriesId });
    const reader = await getPublicSeries(stored.slug);
    expect(reader).toMatchObject({ title, coverImageUrl: "/uploads/2026/11/cover.webp", coverImageAlt: "A prison gate, open", summary: "Voices from outside. a link" });
    expect(reader!.descriptionHtml).toContain("<strong>outside</strong>");
    expect(reader!.descriptionHtml).not.toMatch(/script|javascript/);
    expect((await listPublicSeries()).map((entry) => entry.slug)).toContain(stored.slug);
  });

  it("refuses a missing title, a cover without a description, a malformed or taken slug, and says which field", async () => {
    await expectInputError(runCommand(createSeries, cast.EDITOR, seriesForm({ title: "  " })), { title: "Give the series a title." });
    await expectInputError(runCommand(createSeries, cast.EDITOR, seriesForm({ coverImageUrl: "/uploads/a.webp" })), { coverImageAlt: /Describe the cover image/ });
    await expectInputError(runCommand(createSeries, cast.EDITOR, seriesForm({ coverImageUrl: "https://elsewhere.example/a.png", coverImageAlt: "x" })), { coverImageUrl: /Upload the image here/ });
    await expectInputError(runCommand(createSeries, cast.EDITOR, seriesForm({ slug: "Not a slug!" })), { slug: /lower-case letters/ });
    await expectInputError(runCommand(createSeries, cast.EDITOR, seriesForm({ status: "paused" })), { status: /running or finished/ });
    const first = await runCommand(createSeries, cast.EDITOR, seriesForm({ slug: unique("taken") }));
    const { slug } = await db().series.findUniqueOrThrow({ where: { id: first.data.seriesId } });
    await expectInputError(runCommand(createSeries, cast.EDITOR, seriesForm({ slug })), { slug: `Another series already uses the slug “${slug}”. Choose a different one.` });
  });

  it("a changed slug keeps the old address (page and feeds) leading to the current one, even after a second change", async () => {
    const first = unique("caseload");
    const { data } = await runCommand(createSeries, cast.ADMIN, seriesForm({ slug: first }));
    await publishedPostIn(cast.AUTHOR, { seriesId: data.seriesId });
    const second = unique("caseload-notes");
    const saved = await runCommand(saveSeries, cast.EDITOR, { ...seriesForm({ slug: second }), seriesId: data.seriesId });
    expect(saved.message).toContain(`/series/${first}, now redirects`);
    expect(saved.tags).toEqual(expect.arrayContaining(["series", `series:${first}`, `series:${second}`, "redirects"]));
    const third = unique("the-caseload");
    await runCommand(saveSeries, cast.EDITOR, { ...seriesForm({ slug: third }), seriesId: data.seriesId });

    expect(await findRedirect(`/series/${first}`)).toBe(`/series/${third}`);
    expect(await findRedirect(`/series/${second}`)).toBe(`/series/${third}`);
    expect(await findRedirect(`/series/${third}`)).toBeNull();
    const feed = await feedResponse({ kind: "series", slug: first }, "rss");
    expect(feed.status).toBe(308);
    expect(feed.headers.get("location")).toBe(`http://docket.test/series/${third}/feed.xml`);
    expect((await feedResponse({ kind: "series", slug: second }, "atom")).headers.get("location")).toBe(`http://docket.test/series/${third}/atom.xml`);
    expect((await feedResponse({ kind: "series", slug: unique("never-existed") }, "rss")).status).toBe(404);

    // Taking an old address back for the series itself drops the redirect that pointed away from it.
    await runCommand(saveSeries, cast.EDITOR, { ...seriesForm({ slug: first }), seriesId: data.seriesId });
    expect(await db().redirect.findUnique({ where: { fromPath: `/series/${first}` } })).toBeNull();
    expect(await findRedirect(`/series/${third}`)).toBe(`/series/${first}`);
    expect(await auditActions(data.seriesId)).toEqual(["series.created", "series.saved", "series.saved", "series.saved"]);
  });

  it("shows the “Next week” teaser only while the series runs and the editor wants it", async () => {
    const { data } = await runCommand(createSeries, cast.EDITOR, seriesForm());
    const published = await publishedPostIn(cast.AUTHOR, { seriesId: data.seriesId });
    const scheduled = await createTestPost(cast.AUTHOR, "SCHEDULED", { seriesId: data.seriesId });
    await db().post.update({ where: { id: scheduled.id }, data: { title: "Coming up", scheduledFor: new Date(Date.now() + 3 * DAY) } });
    expect((await getSeriesContext(data.seriesId)).teaser).toMatchObject({ title: "Coming up" });
    expect((await getPublishedPost(published.slug))!.seriesContext!.teaser).toMatchObject({ title: "Coming up" });

    await runCommand(saveSeries, cast.EDITOR, { ...seriesForm({ status: "running", showsTeaser: "" }), seriesId: data.seriesId });
    expect((await getSeriesContext(data.seriesId)).teaser).toBeNull();
    await runCommand(saveSeries, cast.EDITOR, { ...seriesForm({ status: "finished", showsTeaser: "on" }), seriesId: data.seriesId });
    expect((await getSeriesContext(data.seriesId)).teaser).toBeNull();
    const post = await getPublishedPost(published.slug);
    expect(post!.seriesContext!.teaser).toBeNull();
    expect(post!.series).toMatchObject({ isRunning: false });
  });

  it("archives a series with posts instead of deleting it: out of the list, its page and posts still readable", async () => {
    const { data } = await runCommand(createSeries, cast.EDITOR, seriesForm());
    const post = await publishedPostIn(cast.AUTHOR, { seriesId: data.seriesId });
    const { slug } = await db().series.findUniqueOrThrow({ where: { id: data.seriesId } });

    const refusal = await runCommand(deleteSeries, cast.EDITOR, { seriesId: data.seriesId }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UserFacingError);
    expect((refusal as Error).message).toBe("This series has 1 post, so it cannot be deleted. Archive it instead: it leaves the series list and its posts stay readable.");
    expect(await db().series.findUnique({ where: { id: data.seriesId } })).not.toBeNull();

    const archived = await runCommand(archiveSeries, cast.EDITOR, { seriesId: data.seriesId, archived: "true" });
    expect(archived.tags).toEqual(expect.arrayContaining(["series", `series:${slug}`]));
    expect((await listPublicSeries()).map((entry) => entry.slug)).not.toContain(slug);
    expect(await getPublicSeries(slug)).not.toBeNull();
    expect(await getPublishedPost(post.slug)).not.toBeNull();

    await runCommand(archiveSeries, cast.EDITOR, { seriesId: data.seriesId, archived: "false" });
    expect((await listPublicSeries()).map((entry) => entry.slug)).toContain(slug);
    expect(await auditActions(data.seriesId)).toEqual(["series.created", "series.archived", "series.unarchived"]);
  });

  it("deletes an empty series, with the old addresses that led to it", async () => {
    const old = unique("short-lived");
    const { data } = await runCommand(createSeries, cast.EDITOR, seriesForm({ slug: old }));
    await runCommand(saveSeries, cast.EDITOR, { ...seriesForm({ slug: unique("renamed") }), seriesId: data.seriesId });
    const deleted = await runCommand(deleteSeries, cast.ADMIN, { seriesId: data.seriesId });
    expect(deleted.redirectTo).toBe("/admin/series?deleted=1");
    expect(await db().series.findUnique({ where: { id: data.seriesId } })).toBeNull();
    expect(await db().redirect.count({ where: { targetType: "SERIES", targetId: data.seriesId } })).toBe(0);
    expect(await auditActions(data.seriesId)).toEqual(["series.created", "series.saved", "series.deleted"]);
    await expect(runCommand(deleteSeries, cast.ADMIN, { seriesId: data.seriesId })).rejects.toThrow("That series no longer exists. Reload the page.");
    await expect(runCommand(saveSeries, cast.ADMIN, { ...seriesForm(), seriesId: data.seriesId })).rejects.toThrow("That series no longer exists. Reload the page.");
  });
});

/** The input as the category form sends it. */
function categoryForm(overrides: Record<string, string> = {}) {
  return {
    name: unique("Youth Justice"),
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
    ...overrides,
  };
}

const londonDay = (offsetDays: number) => toLondonLocal(new Date(Date.now() + offsetDays * DAY)).slice(0, 10);

describe("categories and sponsors", () => {
  it("an editor creates a sponsored category; readers see the block only between its first and last days", async () => {
    const sponsor = {
      sponsorName: "Fieldwork Learning Trust",
      sponsorUrl: "https://fieldwork.example.org",
      sponsorText: "Youth justice posts are sponsored by Fieldwork Learning Trust.",
      sponsorStrapline: "Practice learning for community justice",
      sponsorLogoUrl: "/uploads/2026/11/fieldwork.webp",
      sponsorLogoAlt: "Fieldwork Learning Trust",
    };
    const created = await runCommand(createCategory, cast.EDITOR, categoryForm({ ...sponsor, sponsorStartsOn: londonDay(-1), sponsorEndsOn: londonDay(1) }));
    const categoryId = created.data.categoryId;
    const { slug } = await db().category.findUniqueOrThrow({ where: { id: categoryId } });
    expect(created.tags).toEqual(expect.arrayContaining(["categories", `category:${slug}`]));
    const post = await publishedPostIn(cast.AUTHOR, { categoryId });

    const expected = { name: sponsor.sponsorName, url: sponsor.sponsorUrl, line: sponsor.sponsorText, strapline: sponsor.sponsorStrapline, logo: { url: sponsor.sponsorLogoUrl, alt: sponsor.sponsorLogoAlt } };
    expect((await getPublicCategory(slug))!.sponsor).toEqual(expected);
    expect((await getPublishedPost(post.slug))!.category!.sponsor).toEqual(expected);

    const form = { ...categoryForm({ ...sponsor, slug }), categoryId };
    await runCommand(saveCategory, cast.EDITOR, { ...form, name: "Youth Justice", sponsorStartsOn: londonDay(2), sponsorEndsOn: londonDay(9) });
    expect((await getPublicCategory(slug))!.sponsor).toBeNull();
    await runCommand(saveCategory, cast.EDITOR, { ...form, name: "Youth Justice", sponsorStartsOn: londonDay(-9), sponsorEndsOn: londonDay(-2) });
    expect((await getPublicCategory(slug))!.sponsor).toBeNull();
    expect((await getPublishedPost(post.slug))!.category!.sponsor).toBeNull();
    await runCommand(saveCategory, cast.EDITOR, { ...form, name: "Youth Justice" });
    expect((await getPublicCategory(slug))!.sponsor).toEqual(expected);

    const audit = await db().auditLog.findMany({ where: { entityId: categoryId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["category.created", "category.saved", "category.saved", "category.saved"]);
    expect(audit[1].details).toMatchObject({ sponsor: "Fieldwork Learning Trust", from: londonDay(2), to: londonDay(9) });
  });

  it("refuses sponsor details without a sponsor, a logo without a description, days in the wrong order or not on the calendar, a link that is not http(s)", async () => {
    await expectInputError(runCommand(createCategory, cast.EDITOR, categoryForm({ name: "" })), { name: "Give the category a name." });
    await expectInputError(runCommand(createCategory, cast.EDITOR, categoryForm({ sponsorText: "Sponsored by someone." })), { sponsorName: "Name the sponsor, or clear the other sponsor fields." });
    await expectInputError(runCommand(createCategory, cast.EDITOR, categoryForm({ sponsorName: "Acme", sponsorLogoUrl: "/uploads/acme.png" })), { sponsorLogoAlt: /Describe the logo/ });
    await expectInputError(runCommand(createCategory, cast.EDITOR, categoryForm({ sponsorName: "Acme", sponsorStartsOn: "2026-12-10", sponsorEndsOn: "2026-12-01" })), { sponsorEndsOn: "The last day comes before the first day." });
    await expectInputError(runCommand(createCategory, cast.EDITOR, categoryForm({ sponsorName: "Acme", sponsorStartsOn: "10/12/2026" })), { sponsorStartsOn: /like 2026-11-21/ });
    // A day the calendar does not have, which Date.parse would read as 3 March.
    await expectInputError(runCommand(createCategory, cast.EDITOR, categoryForm({ sponsorName: "Acme", sponsorStartsOn: "2026-02-31" })), { sponsorStartsOn: "There is no such day: that month is shorter." });
    await expectInputError(runCommand(createCategory, cast.EDITOR, categoryForm({ sponsorName: "Acme", sponsorEndsOn: "2025-02-29" })), { sponsorEndsOn: "There is no such day: that month is shorter." });
    expect((await runCommand(createCategory, cast.EDITOR, categoryForm({ slug: unique("leap"), sponsorName: "Acme", sponsorStartsOn: "2028-02-29" }))).message).toBeTruthy();
    await expectInputError(runCommand(createCategory, cast.EDITOR, categoryForm({ sponsorName: "Acme", sponsorUrl: "javascript:alert(1)" })), { sponsorUrl: /starting with https/ });
  });

  it("a changed slug redirects, pages and feeds alike", async () => {
    const old = unique("drugs");
    const { data } = await runCommand(createCategory, cast.EDITOR, categoryForm({ slug: old }));
    await publishedPostIn(cast.AUTHOR, { categoryId: data.categoryId });
    const renamed = unique("drugs-and-recovery");
    await runCommand(saveCategory, cast.EDITOR, { ...categoryForm({ slug: renamed }), categoryId: data.categoryId });
    expect(await findRedirect(`/categories/${old}`)).toBe(`/categories/${renamed}`);
    expect((await feedResponse({ kind: "category", slug: old }, "atom")).headers.get("location")).toBe(`http://docket.test/categories/${renamed}/atom.xml`);
    const taken = await runCommand(createCategory, cast.EDITOR, categoryForm());
    await expectInputError(runCommand(saveCategory, cast.EDITOR, { ...categoryForm({ slug: renamed }), categoryId: taken.data.categoryId }), { slug: /Another category already uses/ });
  });

  it("deleting one moves its posts, subscribers and old addresses to the category the editor chose", async () => {
    const doomedSlug = unique("reform");
    const doomed = await runCommand(createCategory, cast.EDITOR, categoryForm({ slug: doomedSlug }));
    const kept = await runCommand(createCategory, cast.EDITOR, categoryForm());
    const keptSlug = (await db().category.findUniqueOrThrow({ where: { id: kept.data.categoryId } })).slug;
    const earlierSlug = unique("earlier-name");
    await db().redirect.create({ data: { fromPath: `/categories/${earlierSlug}`, targetType: "CATEGORY", targetId: doomed.data.categoryId } });
    const posts = [await publishedPostIn(cast.AUTHOR, { categoryId: doomed.data.categoryId }), await createTestPost(cast.GUEST, "DRAFT")];
    await db().post.update({ where: { id: posts[1].id }, data: { categoryId: doomed.data.categoryId } });
    const subscriber = await db().subscriber.create({ data: { email: `${unique("reader")}@example.test`, status: "ACTIVE", allPosts: false, categories: { create: { categoryId: doomed.data.categoryId } } } });

    await expectInputError(runCommand(deleteCategory, cast.EDITOR, { categoryId: doomed.data.categoryId, moveTo: doomed.data.categoryId }), { moveTo: /Choose another category/ });
    await expectInputError(runCommand(deleteCategory, cast.EDITOR, { categoryId: doomed.data.categoryId, moveTo: "no-such-category" }), { moveTo: "That category no longer exists." });
    expect(await db().category.findUnique({ where: { id: doomed.data.categoryId } })).not.toBeNull();

    const deleted = await runCommand(deleteCategory, cast.EDITOR, { categoryId: doomed.data.categoryId, moveTo: kept.data.categoryId });
    expect(deleted.message).toMatch(/deleted; 2 posts moved to/);
    expect(deleted.tags).toEqual(expect.arrayContaining(["categories", `category:${doomedSlug}`, `category:${keptSlug}`, "redirects"]));
    expect(await db().post.count({ where: { id: { in: posts.map((post) => post.id) }, categoryId: kept.data.categoryId } })).toBe(2);
    expect(await db().subscriberCategory.findMany({ where: { subscriberId: subscriber.id } })).toEqual([{ subscriberId: subscriber.id, categoryId: kept.data.categoryId }]);
    expect(await findRedirect(`/categories/${doomedSlug}`)).toBe(`/categories/${keptSlug}`);
    expect(await findRedirect(`/categories/${earlierSlug}`)).toBe(`/categories/${keptSlug}`);
    expect(await auditActions(doomed.data.categoryId)).toEqual(["category.created", "category.deleted"]);
  });

  it("deleting one with no destination leaves its posts without a category and its address a 404", async () => {
    const slug = unique("short-lived");
    const { data } = await runCommand(createCategory, cast.EDITOR, categoryForm({ slug }));
    const post = await publishedPostIn(cast.AUTHOR, { categoryId: data.categoryId });
    const deleted = await runCommand(deleteCategory, cast.ADMIN, { categoryId: data.categoryId, moveTo: "" });
    expect(deleted.message).toMatch(/1 post now have no category/);
    expect(await db().post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ categoryId: null });
    expect(await findRedirect(`/categories/${slug}`)).toBeNull();
    await expect(runCommand(deleteCategory, cast.ADMIN, { categoryId: data.categoryId, moveTo: "" })).rejects.toThrow("That category no longer exists. Reload the page.");
  });
});

async function newTag(name: string) {
  return db().tag.create({ data: { name, slug: unique(name.toLowerCase().replace(/ /g, "-")) } });
}

describe("tags", () => {
  it("renaming one changes its name and address; the old address redirects", async () => {
    const tag = await newTag("Prisons");
    const post = await publishedPostIn(cast.AUTHOR, { tagIds: [tag.id] });
    const slug = unique("prison-reform");
    const renamed = await runCommand(renameTag, cast.EDITOR, { tagId: tag.id, name: "Prison reform", slug });
    expect(renamed.tags).toEqual(expect.arrayContaining(["tags", `tag:${tag.slug}`, `tag:${slug}`, "redirects"]));
    expect(await getPublicTag(slug)).toMatchObject({ name: "Prison reform" });
    expect(await getPublicTag(tag.slug)).toBeNull();
    expect(await findRedirect(`/tags/${tag.slug}`)).toBe(`/tags/${slug}`);
    expect((await getPublishedPost(post.slug))!.tags).toEqual([{ id: tag.id, slug, name: "Prison reform" }]);
    expect(await auditActions(tag.id)).toEqual(["tag.renamed"]);

    const other = await newTag("Courts");
    await expectInputError(runCommand(renameTag, cast.EDITOR, { tagId: other.id, name: "Courts", slug }), { slug: `Another tag already uses the slug “${slug}”. To combine the two, merge them instead.` });
    await expectInputError(runCommand(renameTag, cast.EDITOR, { tagId: other.id, name: "" }), { name: "Give the tag a name." });
    await expect(runCommand(renameTag, cast.EDITOR, { tagId: "gone", name: "Gone" })).rejects.toThrow("That tag no longer exists. Reload the page.");
  });

  it("merging two moves every post of one to the other once, and its address leads there", async () => {
    const from = await db().tag.create({ data: { name: "Social media", slug: "social-media" } });
    const into = await newTag("Twitter");
    const both = await publishedPostIn(cast.AUTHOR, { tagIds: [from.id, into.id] });
    const onlyFrom = await publishedPostIn(cast.AUTHOR, { tagIds: [from.id] });
    await db().redirect.create({ data: { fromPath: `/tags/${unique("older")}`, targetType: "TAG", targetId: from.id } });

    await expectInputError(runCommand(mergeTags, cast.EDITOR, { fromTagId: from.id, intoTagId: from.id }), { intoTagId: "Choose two different tags." });
    const merged = await runCommand(mergeTags, cast.EDITOR, { fromTagId: from.id, intoTagId: into.id });
    expect(merged.message).toBe(`“Social media” merged into “Twitter” (2 posts). /tags/${from.slug} now redirects to /tags/${into.slug}.`);
    expect(await db().tag.findUnique({ where: { id: from.id } })).toBeNull();
    for (const post of [both, onlyFrom]) expect(await db().postTag.findMany({ where: { postId: post.id } })).toEqual([{ postId: post.id, tagId: into.id }]);
    expect(await findRedirect(`/tags/${from.slug}`)).toBe(`/tags/${into.slug}`);
    expect(await db().redirect.count({ where: { targetType: "TAG", targetId: from.id } })).toBe(0);
    expect(await auditActions(into.id)).toEqual(["tag.merged"]);

    // A writer who types the merged tag's name gets the tag it became, not a new copy of the old one.
    const draft = await createTestPost(cast.AUTHOR, "DRAFT");
    await editPost(cast.AUTHOR, { postId: draft.id, title: "Tagged", bodyMarkdown: "Body", tags: "Social media, Brand new" });
    const tagged = await db().postTag.findMany({ where: { postId: draft.id }, select: { tag: { select: { id: true, name: true } } } });
    expect(tagged.map((row) => row.tag.name).sort()).toEqual(["Brand new", "Twitter"]);
    expect(await db().tag.count({ where: { slug: from.slug } })).toBe(0);
    await expect(runCommand(mergeTags, cast.EDITOR, { fromTagId: from.id, intoTagId: into.id })).rejects.toThrow("One of those tags no longer exists. Reload the page.");
  });

  it("deleting one takes it off its posts and forgets its old addresses", async () => {
    const tag = await newTag("Obsolete");
    const post = await publishedPostIn(cast.AUTHOR, { tagIds: [tag.id] });
    await runCommand(renameTag, cast.EDITOR, { tagId: tag.id, name: "Obsolete", slug: unique("obsolete-renamed") });
    const deleted = await runCommand(deleteTag, cast.ADMIN, { tagId: tag.id });
    expect(deleted.message).toBe("Tag “Obsolete” deleted from 1 post.");
    expect(await db().postTag.count({ where: { postId: post.id } })).toBe(0);
    expect(await findRedirect(`/tags/${tag.slug}`)).toBeNull();
    expect(await db().redirect.count({ where: { targetType: "TAG", targetId: tag.id } })).toBe(0);
    expect(await auditActions(tag.id)).toEqual(["tag.renamed", "tag.deleted"]);
  });
});

describe("who may", () => {
  it("refuses authors, guests and signed-out callers every series, category and tag command, and lets editors and admins", async () => {
    const tag = await newTag("Refusals");
    const series = await runCommand(createSeries, cast.EDITOR, seriesForm());
    const category = await runCommand(createCategory, cast.EDITOR, categoryForm());
    const attempts = [
      (user: SessionUser | null) => runCommand(createSeries, user, seriesForm()),
      (user: SessionUser | null) => runCommand(saveSeries, user, { ...seriesForm(), seriesId: series.data.seriesId }),
      (user: SessionUser | null) => runCommand(archiveSeries, user, { seriesId: series.data.seriesId, archived: "true" }),
      (user: SessionUser | null) => runCommand(deleteSeries, user, { seriesId: series.data.seriesId }),
      (user: SessionUser | null) => runCommand(createCategory, user, categoryForm()),
      (user: SessionUser | null) => runCommand(saveCategory, user, { ...categoryForm(), categoryId: category.data.categoryId }),
      (user: SessionUser | null) => runCommand(deleteCategory, user, { categoryId: category.data.categoryId }),
      (user: SessionUser | null) => runCommand(renameTag, user, { tagId: tag.id, name: "Renamed" }),
      (user: SessionUser | null) => runCommand(mergeTags, user, { fromTagId: tag.id, intoTagId: tag.id }),
      (user: SessionUser | null) => runCommand(deleteTag, user, { tagId: tag.id }),
    ];
    for (const attempt of attempts) {
      for (const user of [null, cast.AUTHOR, cast.GUEST]) await expect(attempt(user)).rejects.toBeInstanceOf(AuthorizationError);
    }
    expect(await db().series.findUnique({ where: { id: series.data.seriesId } })).toMatchObject({ archivedAt: null });
    expect(await db().category.findUnique({ where: { id: category.data.categoryId } })).not.toBeNull();
    expect(await db().tag.findUnique({ where: { id: tag.id } })).toMatchObject({ name: "Refusals" });
    // Admins have everything editors have (the role table test checks the rest).
    await runCommand(renameTag, cast.ADMIN, { tagId: tag.id, name: "Allowed" });
    expect(await db().tag.findUnique({ where: { id: tag.id } })).toMatchObject({ name: "Allowed" });
  });
});
