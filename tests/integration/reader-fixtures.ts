// Content for the reader tests, written straight to the test database: every post status, a
// pseudonymous author, a sponsored category, a series with a scheduled post, comments in all states.
import { db } from "@/lib/db";
import type { PostStatus } from "@/generated/prisma/enums";

const DAY = 24 * 60 * 60 * 1000;

export const SECRET_REAL_NAME = "Realname Shouldneverappear";
export const SECRET_EMAIL = "commenter-secret@example.test";

type PostInput = {
  slug: string;
  title: string;
  status: PostStatus;
  daysAgo?: number;
  scheduledInDays?: number;
  authorIds: string[];
  categoryId?: string;
  seriesId?: string;
  seriesPosition?: number;
  tagIds?: string[];
  bodyHtml?: string;
  bodyMarkdown?: string;
  standfirst?: string;
  teaserShowsTitle?: boolean;
  teaserShowsAuthor?: boolean;
};

export async function createPost(input: PostInput) {
  const now = Date.now();
  return db().post.create({
    data: {
      slug: input.slug,
      title: input.title,
      status: input.status,
      standfirst: input.standfirst ?? null,
      bodyMarkdown: input.bodyMarkdown ?? `Body of ${input.title}.`,
      bodyHtml: input.bodyHtml ?? `<p>Body of ${input.title}.</p>`,
      excerpt: `Excerpt of ${input.title}.`,
      publishedAt: input.status === "PUBLISHED" ? new Date(now - (input.daysAgo ?? 1) * DAY) : null,
      scheduledFor: input.scheduledInDays !== undefined ? new Date(now + input.scheduledInDays * DAY) : null,
      categoryId: input.categoryId,
      seriesId: input.seriesId,
      seriesPosition: input.seriesPosition,
      teaserShowsTitle: input.teaserShowsTitle ?? true,
      teaserShowsAuthor: input.teaserShowsAuthor ?? true,
      authors: { create: input.authorIds.map((profileId, position) => ({ profileId, position })) },
      tags: { create: (input.tagIds ?? []).map((tagId) => ({ tagId })) },
    },
  });
}

/** A small site: returns the ids and slugs the tests refer to. */
export async function createReaderFixtures() {
  const alice = await db().authorProfile.create({
    data: { slug: "alice-adams", displayName: "Alice Adams", bio: "Probation officer.", xHandle: "aliceadams" },
  });
  const bob = await db().authorProfile.create({ data: { slug: "bob-brown", displayName: "Bob Brown" } });
  const pseudonym = await db().authorProfile.create({
    data: {
      slug: "the-custody-sergeant",
      displayName: "The Custody Sergeant",
      isPseudonymous: true,
      realName: SECRET_REAL_NAME,
      bio: "Writes anonymously.",
    },
  });
  const draftOnly = await db().authorProfile.create({ data: { slug: "draft-only", displayName: "Draft Only" } });
  const probation = await db().category.create({
    data: {
      slug: "probation",
      name: "On Probation",
      sponsorName: "Acme Trust",
      sponsorUrl: "https://acme.example",
      sponsorText: "Probation posts sponsored by Acme Trust.",
    },
  });
  const opinion = await db().category.create({ data: { slug: "opinion", name: "Opinion" } });
  const series = await db().series.create({ data: { slug: "why-i-tweet", title: "Why I tweet", description: "Guests on social media." } });
  const quiet = await db().series.create({ data: { slug: "quiet-series", title: "Quiet series" } });
  const courts = await db().tag.create({ data: { slug: "courts", name: "Courts" } });
  const prisons = await db().tag.create({ data: { slug: "prisons", name: "Prisons" } });
  const hidden = await db().tag.create({ data: { slug: "hidden-tag", name: "Hidden tag" } });

  // Series posts are created out of date order; seriesPosition decides the numbering.
  const s1 = await createPost({ slug: "tweet-one", title: "Tweet one", status: "PUBLISHED", daysAgo: 30, authorIds: [alice.id], seriesId: series.id, seriesPosition: 1, categoryId: probation.id });
  const s3 = await createPost({ slug: "tweet-three", title: "Tweet three", status: "PUBLISHED", daysAgo: 10, authorIds: [pseudonym.id], seriesId: series.id, seriesPosition: 3, categoryId: probation.id, tagIds: [courts.id] });
  const s2 = await createPost({ slug: "tweet-two", title: "Tweet two", status: "PUBLISHED", daysAgo: 20, authorIds: [bob.id, alice.id], seriesId: series.id, seriesPosition: 2, categoryId: probation.id });
  // An unpublished post between them must not take a number.
  await createPost({ slug: "tweet-withdrawn", title: "Tweet withdrawn", status: "UNPUBLISHED", authorIds: [bob.id], seriesId: series.id, seriesPosition: 4 });
  const s5 = await createPost({ slug: "tweet-five", title: "Tweet five", status: "PUBLISHED", daysAgo: 2, authorIds: [alice.id], seriesId: series.id, seriesPosition: 5, tagIds: [courts.id, prisons.id] });
  const scheduled = await createPost({
    slug: "tweet-scheduled",
    title: "Secret scheduled title",
    status: "SCHEDULED",
    scheduledInDays: 7,
    authorIds: [bob.id],
    seriesId: series.id,
    seriesPosition: 6,
    bodyHtml: "<p>Scheduled body never shown.</p>",
    teaserShowsTitle: false,
    teaserShowsAuthor: true,
  });
  await createPost({ slug: "tweet-far-future", title: "Far future", status: "SCHEDULED", scheduledInDays: 30, authorIds: [bob.id], seriesId: series.id, seriesPosition: 7 });

  const opinionPost = await createPost({
    slug: "courts-opinion",
    title: "An opinion on courts",
    status: "PUBLISHED",
    daysAgo: 5,
    authorIds: [bob.id],
    categoryId: opinion.id,
    tagIds: [courts.id],
    bodyMarkdown: "Magistrates sentencing and remand decisions in crowded courtrooms.",
    bodyHtml: "<p>Magistrates sentencing and remand decisions in crowded courtrooms.</p>",
  });
  const lonely = await createPost({ slug: "lonely-post", title: "A lonely post", status: "PUBLISHED", daysAgo: 40, authorIds: [bob.id], seriesId: quiet.id });
  for (const [index, status] of (["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "UNPUBLISHED"] as const).entries()) {
    await createPost({
      slug: `hidden-${status.toLowerCase()}`,
      title: `Hidden ${status} courtrooms`,
      status,
      daysAgo: index,
      authorIds: [draftOnly.id],
      categoryId: opinion.id,
      tagIds: [hidden.id],
      bodyMarkdown: "Courtrooms magistrates remand.",
    });
  }

  const approved = await db().comment.create({
    data: { postId: s3.id, authorName: "Carol", authorEmail: SECRET_EMAIL, body: "First!", status: "APPROVED", ipHash: "hash-secret", createdAt: new Date(Date.now() - 3 * DAY) },
  });
  await db().comment.create({
    data: { postId: s3.id, parentId: approved.id, authorName: "Dan", authorEmail: "dan@example.test", body: "A reply.", status: "APPROVED", createdAt: new Date(Date.now() - 2 * DAY) },
  });
  for (const status of ["PENDING", "SPAM", "TRASH"] as const) {
    await db().comment.create({ data: { postId: s3.id, authorName: `Unseen ${status}`, authorEmail: "x@example.test", body: `Unseen ${status} body`, status } });
  }

  await db().redirect.create({ data: { fromPath: "/2013/04/tweet-three-old/", targetType: "POST", targetId: s3.id } });
  await db().redirect.create({ data: { fromPath: "/posts/tweet-3", targetType: "POST", targetId: s3.id } });

  return { alice, bob, pseudonym, draftOnly, probation, opinion, series, quiet, courts, prisons, hidden, s1, s2, s3, s5, scheduled, opinionPost, lonely };
}
