// Loads the demo content (content.ts, data/) into an empty or partly loaded database. Idempotent twice
// over: a Setting row marks a completed load, and every row is written once by its natural key (email,
// slug, path): the posts missing so far in one go through the post store's bulk mode, then each post's
// notes and comments in a transaction of its own, so a run that died halfway completes on the next
// start without duplicating anything.
import "server-only";
import { createHmac } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { insertPosts, newRowId, type NewPost } from "@/features/posts/store";
import { menuSettingKey, storedMenuSchema } from "@/features/menus/schema";
import { readSiteSettings } from "@/features/site/data";
import { storeSiteSettings } from "@/features/site/mutations";
import { db } from "@/lib/db";
import { renderPostMarkdown } from "@/lib/markdown";
import {
  DEMO_CONTENT_SETTING_KEY,
  demoCategories,
  demoFooterMenu,
  demoPages,
  demoPosts,
  demoProfiles,
  demoRedirects,
  demoSeries,
  demoSiteSettings,
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

/** A demo post as the post store takes it. */
function storeRowOf(post: DemoPost, lookups: Lookups, now: Date): NewPost {
  const dates = postDates(post, now);
  const createdById = required(lookups.users, post.createdBy);
  return {
    status: post.status,
    createdById,
    revisionAuthorId: createdById,
    ...dates,
    snapshot: {
      slug: post.slug,
      title: post.title,
      standfirst: post.standfirst ?? null,
      bodyMarkdown: post.body,
      categoryId: post.category ? required(lookups.categories, post.category) : null,
      seriesId: post.series ? required(lookups.series, post.series) : null,
      seriesPosition: post.seriesPosition ?? null,
      coverImageUrl: null,
      coverImageAlt: null,
      commentsOpen: post.commentsOpen ?? true,
      tagIds: post.tags.map((slug) => required(lookups.tags, slug)),
      authorProfileIds: post.authors.map((slug) => required(lookups.profiles, slug)),
    },
  };
}

/** The posts not loaded yet, all at once, with their revisions, bylines and tags. */
async function insertMissingPosts(lookups: Lookups, now: Date): Promise<void> {
  const present = new Set((await db().post.findMany({ where: { slug: { in: demoPosts.map((post) => post.slug) } }, select: { slug: true } })).map((post) => post.slug));
  await insertPosts(demoPosts.filter((post) => !present.has(post.slug)).map((post) => storeRowOf(post, lookups, now)));
}

/** A post's editorial notes and comments, in one transaction, unless it has them already. */
async function addNotesAndComments(post: DemoPost, lookups: Lookups, now: Date): Promise<void> {
  const dates = postDates(post, now);
  await db().$transaction(async (tx) => {
    const { id } = await tx.post.findUniqueOrThrow({ where: { slug: post.slug }, select: { id: true } });
    if (post.editorialNotes && (await tx.editorialNote.count({ where: { postId: id } })) === 0) {
      for (const note of post.editorialNotes) {
        await tx.editorialNote.create({
          data: { postId: id, authorId: required(lookups.users, note.by), body: note.body, createdAt: morning(now, -note.daysAgo) },
        });
      }
    }
    if (post.comments && dates.publishedAt && (await tx.comment.count({ where: { postId: id } })) === 0) {
      await createComments(tx, id, post.comments, dates.publishedAt, lookups.users);
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

/** The About and Write for us pages, published, each with its first revision live. */
function upsertPages(users: Ids, now: Date): Promise<Ids> {
  return upsertEach(demoPages, (page) => page.slug, (page) => {
    const rendered = renderPostMarkdown(page.bodyMarkdown);
    const authorId = required(users, page.createdBy);
    const publishedAt = morning(now, -page.publishedDaysAgo);
    const revisionId = newRowId();
    const { slug, title, description, bodyMarkdown } = page;
    return db().page.upsert({
      where: { slug },
      create: {
        slug,
        title,
        description,
        bodyMarkdown,
        bodyHtml: rendered.html,
        excerpt: rendered.excerpt,
        status: "PUBLISHED",
        publishedAt,
        liveRevisionId: revisionId,
        createdById: authorId,
        createdAt: publishedAt,
        revisions: { create: { id: revisionId, number: 1, slug, title, description, bodyMarkdown, authorId, createdAt: publishedAt } },
      },
      update: {},
    });
  });
}

/** The footer menu links the pages; set only while nobody has saved a footer menu. */
async function setFooterMenu(pages: Ids): Promise<void> {
  const items = demoFooterMenu.map((item) =>
    "page" in item ? { id: item.id, label: item.label, link: { kind: "page" as const, pageId: required(pages, item.page) } } : { id: item.id, label: item.label, link: { kind: "url" as const, url: item.url } },
  );
  const value = storedMenuSchema.parse({ items });
  await db().setting.createMany({ data: [{ key: menuSettingKey("footer"), value }], skipDuplicates: true });
}

/** A description and a footer line for the demo site, where the settings have none. */
async function fillSiteSettings(): Promise<void> {
  const settings = await readSiteSettings();
  await storeSiteSettings({ ...settings, description: settings.description || demoSiteSettings.description, footerText: settings.footerText || demoSiteSettings.footerText });
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
  await insertMissingPosts(lookups, now);
  for (const post of demoPosts) await addNotesAndComments(post, lookups, now);
  await upsertRedirects();
  await upsertSubscribers(lookups, now);
  await setFooterMenu(await upsertPages(users, now));
  await fillSiteSettings();

  const value = { loadedAt: now.toISOString(), posts: demoPosts.length };
  await db().setting.upsert({ where: { key: DEMO_CONTENT_SETTING_KEY }, create: { key: DEMO_CONTENT_SETTING_KEY, value }, update: {} });
  return { loaded: true };
}
