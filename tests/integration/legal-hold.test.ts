// A legal hold takes a published post off every reader query at once (the one reader-visibility rule,
// publishedOnly / readerVisibleSql in features/posts/data.ts), and lifting it restores each exactly.
// The browser test (tests/e2e/legal-hold.test.ts) checks the same through the nginx front.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { AuthorizationError } from "@/lib/errors";
import { getPublishedPost, getSeriesContext, listFeedPosts, listLatestPosts, listSitemapPosts } from "@/features/posts/data";
import { insertPosts } from "@/features/posts/store";
import { searchPosts } from "@/features/search/data";
import { getPublicAuthor, listAuthorPosts } from "@/features/authors/data";
import { listSeriesPosts } from "@/features/series/data";
import { listCategoryPosts } from "@/features/categories/data";
import { listTagPosts } from "@/features/tags/data";
import { findNewPosts, loadDigestPosts } from "@/features/digest/data";
import { findPreviewLinkState } from "@/features/preview-links/data";
import { findReplyTarget, getCommentsOpen } from "@/features/comments/data";
import { findRedirect } from "@/features/redirects/data";
import { holdPostForLegalReasons, liftLegalHold } from "@/features/legal/commands";
import { isPostHeldAt } from "@/features/legal/data";
import { createCast, emptySnapshot, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

let cast: Awaited<ReturnType<typeof createCast>>;
const ids: Record<string, string> = {};
const stamp = Date.now();
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
  const loner = await db().authorProfile.create({ data: { slug: "lone-writer", displayName: "Lone Writer" } });
  ids.loner = loner.id;
  const series = await db().series.create({ data: { slug: `hold-series-${stamp}`, title: "Hold series" } });
  const category = await db().category.create({ data: { slug: `hold-category-${stamp}`, name: "Hold category" } });
  const tag = await db().tag.create({ data: { slug: `hold-tag-${stamp}`, name: "Hold tag" } });
  Object.assign(ids, { series: series.id, category: category.id, tag: tag.id });
  const post = (slug: string, title: string, daysAgo: number, position: number, authors: string[]) => ({
    status: "PUBLISHED" as const,
    createdById: cast.EDITOR.id,
    revisionAuthorId: cast.EDITOR.id,
    publishedAt: new Date(Date.now() - daysAgo * DAY),
    snapshot: { ...emptySnapshot, slug, title, bodyMarkdown: `${title}: zanzibarian probation quagmire.`, seriesId: series.id, seriesPosition: position, categoryId: category.id, tagIds: [tag.id], authorProfileIds: authors },
  });
  [ids.held, ids.kept] = await insertPosts([post(`held-${stamp}`, "The held one", 0, 2, [loner.id]), post(`kept-${stamp}`, "The kept one", 1, 1, [cast.AUTHOR.profileId!])]);
  await db().comment.create({ data: { postId: ids.held, authorName: "Reader", authorEmail: "reader@example.test", body: "A comment.", status: "APPROVED" } });
  await db().redirect.create({ data: { fromPath: `/old-held-${stamp}`, targetType: "POST", targetId: ids.held } });
});

/** Whether each reader surface shows the held post, by name. */
async function surfacesShowingHeld(): Promise<string[]> {
  const slug = `held-${stamp}`;
  const comment = await db().comment.findFirstOrThrow({ where: { postId: ids.held } });
  const windowStart = new Date(Date.now() - 2 * DAY);
  const checks: Record<string, boolean> = {
    "post page": (await getPublishedPost(slug)) !== null,
    "related posts": ((await getPublishedPost(`kept-${stamp}`))?.related ?? []).some((entry) => entry.slug === slug),
    "series box": (await getSeriesContext(ids.series)).published.some((entry) => entry.slug === slug),
    "series page": (await listSeriesPosts(ids.series)).some((entry) => entry.slug === slug),
    home: (await listLatestPosts()).posts.some((entry) => entry.slug === slug),
    "category page": (await listCategoryPosts(ids.category)).posts.some((entry) => entry.slug === slug),
    "tag page": (await listTagPosts(ids.tag)).posts.some((entry) => entry.slug === slug),
    "author page": (await getPublicAuthor("lone-writer")) !== null && (await listAuthorPosts(ids.loner)).posts.some((entry) => entry.slug === slug),
    feed: (await listFeedPosts({ kind: "site" })).some((entry) => entry.slug === slug),
    sitemap: (await listSitemapPosts()).some((entry) => entry.slug === slug),
    search: (await searchPosts("zanzibarian")).hits.some((hit) => hit.slug === slug),
    digest: (await findNewPosts(db(), windowStart, new Date())).some((entry) => entry.id === ids.held) || (await loadDigestPosts([ids.held])).length > 0,
    "reply page": (await findReplyTarget(slug, comment.id)) !== null,
    "comment form": await getCommentsOpen(ids.held),
    "old address": (await findRedirect(`/old-held-${stamp}`)) !== null,
  };
  return Object.entries(checks).flatMap(([name, shown]) => (shown ? [name] : []));
}

const EVERY_SURFACE = ["post page", "related posts", "series box", "series page", "home", "category page", "tag page", "author page", "feed", "sitemap", "search", "digest", "reply page", "comment form", "old address"];

describe("a legal hold", () => {
  it("takes the post off every reader surface at once, and lifting it puts each back as it was", async () => {
    expect(await surfacesShowingHeld()).toEqual(EVERY_SURFACE);
    const before = await getPublishedPost(`held-${stamp}`);

    const held = await runCommand(holdPostForLegalReasons, cast.EDITOR, { postId: ids.held, reason: "A s.4(2) order was made this morning." });
    expect(held.tags).toContain(`post:held-${stamp}`);
    expect(await surfacesShowingHeld()).toEqual([]);
    expect(await isPostHeldAt(`held-${stamp}`)).toBe(true);
    // The other post of the same series, category and tag stays.
    expect((await listLatestPosts()).posts.some((entry) => entry.slug === `kept-${stamp}`)).toBe(true);
    expect((await db().post.findUniqueOrThrow({ where: { id: ids.held } })).status).toBe("PUBLISHED");

    await runCommand(liftLegalHold, cast.EDITOR, { postId: ids.held, reason: "The order was discharged." });
    expect(await surfacesShowingHeld()).toEqual(EVERY_SURFACE);
    expect(await getPublishedPost(`held-${stamp}`)).toEqual(before);
    expect(await isPostHeldAt(`held-${stamp}`)).toBe(false);

    const audit = await db().auditLog.findMany({ where: { entityId: ids.held, action: { startsWith: "legal.hold" } }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true, details: true } });
    expect(audit).toEqual([
      { action: "legal.hold-placed", actorId: cast.EDITOR.id, details: { reason: "A s.4(2) order was made this morning." } },
      { action: "legal.hold-lifted", actorId: cast.EDITOR.id, details: { reason: "The order was discharged." } },
    ]);
  });

  it("closes a draft's preview links while it is held", async () => {
    const [draft] = await insertPosts([{ status: "DRAFT", createdById: cast.AUTHOR.id, revisionAuthorId: cast.AUTHOR.id, snapshot: { ...emptySnapshot, slug: `draft-${stamp}`, title: "Draft", bodyMarkdown: "x", authorProfileIds: [cast.AUTHOR.profileId!] } }]);
    await db().previewLink.create({ data: { postId: draft, tokenHash: `hash-${stamp}`, expiresAt: new Date(Date.now() + DAY) } });
    expect(await findPreviewLinkState(`hash-${stamp}`)).toBe("preview");
    await runCommand(holdPostForLegalReasons, cast.EDITOR, { postId: draft, reason: "Names a child." });
    expect(await findPreviewLinkState(`hash-${stamp}`)).toBe("dead");
    await runCommand(liftLegalHold, cast.EDITOR, { postId: draft, reason: "Name removed." });
    expect(await findPreviewLinkState(`hash-${stamp}`)).toBe("preview");
  });

  it("may be placed and lifted by editors and admins only, with a reason", async () => {
    await expect(runCommand(holdPostForLegalReasons, cast.AUTHOR, { postId: ids.kept, reason: "Because." })).rejects.toThrow(AuthorizationError);
    await expect(runCommand(holdPostForLegalReasons, cast.EDITOR, { postId: ids.kept, reason: "" })).rejects.toThrow(/reason for the hold/);
    expect(await isPostHeldAt(`kept-${stamp}`)).toBe(false);
  });
});
