// Loads the demo content (content.ts) into an empty or partly loaded database. Idempotent twice over:
// a Setting row marks a completed load, and every row is upserted by its natural key (email, slug,
// path), with each post and everything hanging off it written in one transaction, so a run that
// died halfway completes on the next start without duplicating anything.
import "server-only";
import { createHmac } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { refreshPostSearchDocuments } from "@/features/posts/mutations";
import { db } from "@/lib/db";
import { renderPostMarkdown } from "@/lib/markdown";
import {
  DEMO_CONTENT_SETTING_KEY,
  demoCategories,
  demoPosts,
  demoProfiles,
  demoRedirects,
  demoSeries,
  demoSubscribers,
  demoTags,
  demoUsers,
  type DemoComment,
  type DemoPost,
} from "./content";

type Ids = Map<string, string>;
type Lookups = { users: Ids; profiles: Ids; categories: Ids; series: Ids; tags: Ids };
type Tx = Prisma.TransactionClient;

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** Demo comments carry hashed documentation-range addresses, never real ones. */
const DEMO_IP_SALT = "docket-demo-content";

/** `now` shifted by whole days, at 07:00 UTC: posts go out early in the morning. */
function morning(now: Date, days: number): Date {
  const date = new Date(now.getTime() + days * DAY);
  date.setUTCHours(7, 0, 0, 0);
  return date;
}

function demoIpHash(ip: string): string {
  return createHmac("sha256", DEMO_IP_SALT).update(ip).digest("hex");
}

function required(ids: Ids, key: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`Demo content refers to an unknown key: ${key}`);
  return id;
}

/** Upserts each item by its natural key and maps that key to the row's id. */
async function upsertEach<T>(items: T[], keyOf: (item: T) => string, upsert: (item: T) => Promise<{ id: string }>): Promise<Ids> {
  const ids: Ids = new Map();
  for (const item of items) ids.set(keyOf(item), (await upsert(item)).id);
  return ids;
}

function upsertUsers(now: Date): Promise<Ids> {
  return upsertEach(demoUsers, (user) => user.email, (user) =>
    db().user.upsert({
      where: { email: user.email },
      create: { email: user.email, name: user.name, role: user.role, emailVerified: now },
      update: {},
    }),
  );
}

function upsertProfiles(users: Ids): Promise<Ids> {
  return upsertEach(demoProfiles, (profile) => profile.slug, (profile) =>
    db().authorProfile.upsert({
      where: { slug: profile.slug },
      create: {
        slug: profile.slug,
        displayName: profile.displayName,
        bio: profile.bio,
        xHandle: profile.xHandle ?? null,
        website: profile.website ?? null,
        isPseudonymous: profile.realName !== undefined,
        realName: profile.realName ?? null,
        userId: profile.userEmail ? required(users, profile.userEmail) : null,
      },
      update: {},
    }),
  );
}

function upsertCategories(): Promise<Ids> {
  return upsertEach(demoCategories, (category) => category.slug, (category) =>
    db().category.upsert({
      where: { slug: category.slug },
      create: {
        slug: category.slug,
        name: category.name,
        description: category.description,
        sponsorName: category.sponsor?.name ?? null,
        sponsorUrl: category.sponsor?.url ?? null,
        sponsorText: category.sponsor?.text ?? null,
      },
      update: {},
    }),
  );
}

function upsertSeries(): Promise<Ids> {
  return upsertEach(demoSeries, (series) => series.slug, (series) =>
    db().series.upsert({ where: { slug: series.slug }, create: series, update: {} }),
  );
}

function upsertTags(): Promise<Ids> {
  return upsertEach(demoTags, (tag) => tag.slug, (tag) => db().tag.upsert({ where: { slug: tag.slug }, create: tag, update: {} }));
}

function postDates(post: DemoPost, now: Date) {
  const publishedAt = post.publishedDaysAgo === undefined ? null : morning(now, -post.publishedDaysAgo);
  const scheduledFor = post.scheduledInDays === undefined ? null : morning(now, post.scheduledInDays);
  const submittedAt = post.submittedDaysAgo === undefined ? null : morning(now, -post.submittedDaysAgo);
  const written = publishedAt ?? submittedAt ?? (scheduledFor ? morning(now, -5) : morning(now, -1));
  return { publishedAt, scheduledFor, submittedAt, createdAt: new Date(written.getTime() - 3 * DAY) };
}

async function createComments(
  tx: Tx,
  postId: string,
  comments: DemoComment[],
  publishedAt: Date,
  users: Ids,
  parentId: string | null = null,
) {
  for (const comment of comments) {
    const createdAt = new Date(publishedAt.getTime() + comment.hoursAfterPublication * HOUR);
    const moderated = comment.status === "PENDING" ? createdAt : new Date(createdAt.getTime() + 2 * HOUR);
    const row = await tx.comment.create({
      data: {
        postId,
        parentId,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        authorUrl: comment.authorUrl ?? null,
        userId: comment.userEmail ? required(users, comment.userEmail) : null,
        body: comment.body,
        status: comment.status,
        heldReason: comment.heldReason ?? null,
        ipHash: demoIpHash(comment.ip),
        createdAt,
        statusChangedAt: moderated,
      },
    });
    if (comment.replies) await createComments(tx, postId, comment.replies, publishedAt, users, row.id);
  }
}

/** One post and everything hanging off it, in one transaction. */
async function upsertPost(post: DemoPost, lookups: Lookups, now: Date): Promise<void> {
  const dates = postDates(post, now);
  const rendered = renderPostMarkdown(post.body);
  const createdById = required(lookups.users, post.createdBy);
  await db().$transaction(async (tx) => {
    const row = await tx.post.upsert({
      where: { slug: post.slug },
      create: {
        slug: post.slug,
        title: post.title,
        standfirst: post.standfirst ?? null,
        bodyMarkdown: post.body,
        bodyHtml: rendered.html,
        excerpt: rendered.excerpt,
        readingMinutes: rendered.readingMinutes,
        status: post.status,
        ...dates,
        commentsOpen: post.commentsOpen ?? true,
        categoryId: post.category ? required(lookups.categories, post.category) : null,
        seriesId: post.series ? required(lookups.series, post.series) : null,
        seriesPosition: post.seriesPosition ?? null,
        teaserShowsTitle: true,
        teaserShowsAuthor: true,
        createdById,
      },
      update: {},
    });
    await tx.postAuthor.createMany({
      data: post.authors.map((slug, position) => ({ postId: row.id, profileId: required(lookups.profiles, slug), position })),
      skipDuplicates: true,
    });
    await tx.postTag.createMany({
      data: post.tags.map((slug) => ({ postId: row.id, tagId: required(lookups.tags, slug) })),
      skipDuplicates: true,
    });
    if ((await tx.revision.count({ where: { postId: row.id } })) === 0) {
      await tx.revision.create({
        data: {
          postId: row.id,
          title: post.title,
          standfirst: post.standfirst ?? null,
          bodyMarkdown: post.body,
          authorId: createdById,
          createdAt: dates.createdAt,
        },
      });
    }
    if (post.editorialNotes && (await tx.editorialNote.count({ where: { postId: row.id } })) === 0) {
      for (const note of post.editorialNotes) {
        await tx.editorialNote.create({
          data: { postId: row.id, authorId: required(lookups.users, note.by), body: note.body, createdAt: morning(now, -note.daysAgo) },
        });
      }
    }
    if (post.comments && dates.publishedAt && (await tx.comment.count({ where: { postId: row.id } })) === 0) {
      await createComments(tx, row.id, post.comments, dates.publishedAt, lookups.users);
    }
  });
}

async function upsertRedirects(): Promise<void> {
  for (const redirect of demoRedirects) {
    const post = await db().post.findUniqueOrThrow({ where: { slug: redirect.postSlug }, select: { id: true } });
    await db().redirect.upsert({
      where: { fromPath: redirect.fromPath },
      create: { fromPath: redirect.fromPath, targetType: "POST", targetId: post.id },
      update: { targetType: "POST", targetId: post.id },
    });
  }
}

async function upsertSubscribers(lookups: Lookups, now: Date): Promise<void> {
  for (const subscriber of demoSubscribers) {
    const row = await db().subscriber.upsert({
      where: { email: subscriber.email },
      create: {
        email: subscriber.email,
        status: subscriber.status,
        allPosts: subscriber.allPosts,
        createdAt: morning(now, -subscriber.subscribedDaysAgo),
        confirmedAt: subscriber.confirmedDaysAgo === undefined ? null : morning(now, -subscriber.confirmedDaysAgo),
        unsubscribedAt: subscriber.unsubscribedDaysAgo === undefined ? null : morning(now, -subscriber.unsubscribedDaysAgo),
        consentNote: "Demo subscriber",
      },
      update: {},
    });
    // Join rows: skipDuplicates makes a repeated run a no-op.
    await db().subscriberSeries.createMany({
      data: (subscriber.series ?? []).map((slug) => ({ subscriberId: row.id, seriesId: required(lookups.series, slug) })),
      skipDuplicates: true,
    });
    await db().subscriberCategory.createMany({
      data: (subscriber.categories ?? []).map((slug) => ({ subscriberId: row.id, categoryId: required(lookups.categories, slug) })),
      skipDuplicates: true,
    });
  }
}

/**
 * Loads the demo content unless a completed load is recorded. Returns whether it loaded anything.
 * Dates are relative to `now`: published posts over the past ten weeks, one scheduled a week ahead.
 */
export async function loadDemoContent(now = new Date()): Promise<{ loaded: boolean }> {
  const marker = await db().setting.findUnique({ where: { key: DEMO_CONTENT_SETTING_KEY } });
  if (marker) return { loaded: false };

  const users = await upsertUsers(now);
  const lookups: Lookups = {
    users,
    profiles: await upsertProfiles(users),
    categories: await upsertCategories(),
    series: await upsertSeries(),
    tags: await upsertTags(),
  };
  for (const post of demoPosts) await upsertPost(post, lookups, now);
  await upsertRedirects();
  await upsertSubscribers(lookups, now);
  await refreshPostSearchDocuments();

  const value = { loadedAt: now.toISOString(), posts: demoPosts.length };
  await db().setting.upsert({ where: { key: DEMO_CONTENT_SETTING_KEY }, create: { key: DEMO_CONTENT_SETTING_KEY, value }, update: {} });
  return { loaded: true };
}
