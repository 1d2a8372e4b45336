// The site settings: first-run defaults from the environment, the save command and its refusals,
// and every output that reads them (emails, feeds, JSON-LD, new posts, the icon, the digest's time).
import { simpleParser } from "mailparser";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { saveSiteSettings } from "@/features/site/commands";
import { readSiteSettings } from "@/features/site/data";
import { storeFirstRunSiteSettings, storeSiteSettings } from "@/features/site/mutations";
import { digestCron, digestTimeFromCron, firstRunSiteSettings, normalizeBlueskyHandle, normalizeLinkedInProfile, normalizeMastodonProfile, normalizeXHandle, type SiteSettings } from "@/features/site/schema";
import { renderSiteIcon, siteIconLinks } from "@/features/site/site-icon";
import { organizationJsonLd } from "@/features/site/json-ld";
import { uploadImage } from "@/features/media/commands";
import { createPost } from "@/features/posts/commands";
import { renderFeed } from "@/features/feeds/documents";
import { queueSignInEmail } from "@/features/people/emails";
import { workOffQueuedJobs } from "../helpers/job-queue";
import { buildDigestBody } from "@/features/digest/content";
import { buildDigestPreview } from "@/features/digest/preview";
import { createCast, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

/** Every email written to the outbox so far, oldest first. */
async function readOutbox(dataDir: string): Promise<string[]> {
  const folder = path.join(dataDir, "outbox");
  const files = (await readdir(folder)).sort();
  return Promise.all(files.map((file) => readFile(path.join(folder, file), "utf8")));
}

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let dataDir: string;

beforeAll(async () => {
  process.env.SITE_NAME = "First Run Name";
  process.env.SITE_TAGLINE = "A tagline from the environment";
  process.env.DIGEST_CRON = "30 7 * * *";
  process.env.DIGEST_TIMEZONE = "Europe/Dublin";
  dataDir = await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

/** The admin form's fields for `settings`, with `changes` over them. */
function form(settings: SiteSettings, changes: Record<string, string | undefined> = {}) {
  return {
    name: settings.name,
    tagline: settings.tagline,
    description: settings.description,
    logoUrl: settings.logoUrl ?? "",
    faviconUrl: settings.faviconUrl ?? "",
    socialX: settings.social.x ?? "",
    socialBluesky: settings.social.bluesky ?? "",
    socialMastodon: settings.social.mastodon ?? "",
    socialLinkedin: settings.social.linkedin ?? "",
    footerText: settings.footerText,
    newPostsAllowComments: settings.newPostsAllowComments ? "on" : undefined,
    digestTime: settings.digestTime,
    digestTimeZone: settings.digestTimeZone,
    ...changes,
  };
}

describe("first run", () => {
  it("takes the environment's name, tagline and digest schedule once; after that the stored values hold", async () => {
    expect(await readSiteSettings()).toMatchObject({ name: "First Run Name", tagline: "A tagline from the environment", digestTime: "07:30", digestTimeZone: "Europe/Dublin" });
    expect(await storeFirstRunSiteSettings()).toBe(true);
    expect(await storeFirstRunSiteSettings()).toBe(false);
    const stored = await db().setting.findUniqueOrThrow({ where: { key: "site" } });
    expect(stored.value).toMatchObject({ name: "First Run Name", digestTime: "07:30" });

    // The environment changing later changes nothing: it was a first-run default only.
    const before = await readSiteSettings();
    expect(firstRunSiteSettings({ SITE_NAME: "Another", SITE_TAGLINE: "", DIGEST_CRON: "0 5 * * *", DIGEST_TIMEZONE: "UTC" }).name).toBe("Another");
    expect(await readSiteSettings()).toEqual(before);
  });

  it("reads a daily cron as a time, and writes one back", () => {
    expect(digestTimeFromCron("0 6 * * *")).toBe("06:00");
    expect(digestTimeFromCron("5 23 * * *")).toBe("23:05");
    expect(digestTimeFromCron("0 6 * * 1-5")).toBeNull();
    expect(digestTimeFromCron("0 24 * * *")).toBeNull();
    expect(digestCron({ digestTime: "06:05" })).toBe("5 6 * * *");
  });
});

describe("saving the settings", () => {
  it("stores every field, answers with the settings tag, and audits which fields changed", async () => {
    const before = await readSiteSettings();
    const outcome = await runCommand(
      saveSiteSettings,
      cast.ADMIN,
      form(before, {
        name: "  The Probation Desk  ",
        tagline: "Notes from the field",
        description: "Writing by people who do the work.",
        footerText: "Views are the authors' own.\nNo advertising.",
        socialX: "https://x.com/probationdesk",
        socialBluesky: "@probationdesk.bsky.social",
        socialMastodon: "@desk@mastodon.social",
        socialLinkedin: "linkedin.com/company/probation-desk/",
        newPostsAllowComments: undefined,
        digestTime: "05:45",
        digestTimeZone: "America/New_York",
      }),
    );
    expect(outcome).toMatchObject({ tags: [tags.siteSettings], message: "Settings saved: readers see them now. The digest's new time applies within a minute." });
    expect(await readSiteSettings()).toEqual({
      ...before,
      name: "The Probation Desk",
      tagline: "Notes from the field",
      description: "Writing by people who do the work.",
      footerText: "Views are the authors' own.\nNo advertising.",
      social: { x: "probationdesk", bluesky: "probationdesk.bsky.social", mastodon: "https://mastodon.social/@desk", linkedin: "https://www.linkedin.com/company/probation-desk" },
      newPostsAllowComments: false,
      digestTime: "05:45",
      digestTimeZone: "America/New_York",
    });
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "settings.saved" }, orderBy: { createdAt: "desc" } });
    expect(entry).toMatchObject({ actorId: cast.ADMIN.id, entityType: "Settings", entityId: "site" });
    expect((entry.details as { changed: string[] }).changed).toEqual(["name", "tagline", "description", "social", "footerText", "newPostsAllowComments", "digestTime", "digestTimeZone"]);

    const again = await runCommand(saveSiteSettings, cast.ADMIN, form(await readSiteSettings()));
    expect(again).toMatchObject({ message: "Nothing changed." });
    expect(again.tags).toBeUndefined();
  });

  it("refuses each bad value with a message on its field, changing nothing", async () => {
    const before = await readSiteSettings();
    const refusal = (changes: Record<string, string>) => runCommand(saveSiteSettings, cast.ADMIN, form(before, changes)).catch((error: { fieldErrors: Record<string, string> }) => error.fieldErrors);
    expect(await refusal({ name: "  " })).toEqual({ name: "Give the site a name." });
    expect(await refusal({ name: "x".repeat(81) })).toEqual({ name: "The name must be at most 80 characters." });
    expect(await refusal({ logoUrl: "https://elsewhere.example/logo.png" })).toEqual({ logoUrl: "The logo must be an image uploaded here." });
    expect(await refusal({ faviconUrl: "/uploads/../secret.webp" })).toEqual({ faviconUrl: "The icon must be an image uploaded here." });
    expect(await refusal({ socialX: "not a handle!" })).toEqual({ socialX: "Give the X account as @name or its x.com address." });
    expect(await refusal({ socialMastodon: "https://mastodon.social/users/desk" })).toMatchObject({ socialMastodon: expect.stringMatching(/^Give the Mastodon account/) });
    expect(await refusal({ socialLinkedin: "https://evil.example/company/x" })).toMatchObject({ socialLinkedin: expect.stringMatching(/^Give the LinkedIn page/) });
    expect(await refusal({ digestTime: "25:00" })).toEqual({ digestTime: "Give the time as HH:MM, like 06:00." });
    expect(await refusal({ digestTimeZone: "Mars/Olympus_Mons" })).toEqual({ digestTimeZone: "Choose a time zone from the list." });
    expect(await refusal({ footerText: "x".repeat(501) })).toEqual({ footerText: "The footer text must be at most 500 characters." });
    expect(await readSiteSettings()).toEqual(before);
  });

  it("reads social accounts the ways people paste them", () => {
    expect(["@docket", "docket", "https://x.com/docket", "https://twitter.com/docket/"].map(normalizeXHandle)).toEqual(["docket", "docket", "docket", "docket"]);
    expect(normalizeXHandle("https://evil.example/docket")).toBeNull();
    expect(["docket.bsky.social", "@Docket.bsky.social", "https://bsky.app/profile/docket.bsky.social"].map(normalizeBlueskyHandle)).toEqual(Array(3).fill("docket.bsky.social"));
    expect(normalizeBlueskyHandle("not a handle")).toBeNull();
    expect(["@desk@mastodon.social", "desk@mastodon.social", "https://mastodon.social/@desk"].map(normalizeMastodonProfile)).toEqual(Array(3).fill("https://mastodon.social/@desk"));
    expect(normalizeMastodonProfile("http://mastodon.social/@desk")).toBeNull();
    expect(normalizeLinkedInProfile("https://uk.linkedin.com/in/someone")).toBe("https://www.linkedin.com/in/someone");
    expect(normalizeLinkedInProfile("https://www.linkedin.com/feed/")).toBeNull();
  });

  it("is for admins only: editors, authors, guests and the signed out are refused", async () => {
    const before = await readSiteSettings();
    for (const user of [cast.EDITOR, cast.AUTHOR, cast.GUEST]) {
      await expect(runCommand(saveSiteSettings, user, form(before, { name: "Taken over" }))).rejects.toMatchObject({ failure: "FORBIDDEN" });
    }
    await expect(runCommand(saveSiteSettings, null, form(before, { name: "Taken over" }))).rejects.toMatchObject({ failure: "SIGNED_OUT" });
    expect((await readSiteSettings()).name).toBe(before.name);
  });
});

describe("every output reads the stored settings", () => {
  beforeAll(async () => {
    await storeSiteSettings({ ...(await readSiteSettings()), name: "Stored Name", tagline: "Stored tagline", description: "", social: { x: "storedname", bluesky: null, mastodon: null, linkedin: null } });
  });

  it("emails: the sign-in email's subject and header", async () => {
    await queueSignInEmail({ to: "someone@example.org", url: "http://docket.test/admin/sign-in/confirm?token=x", reason: "sign-in" });
    await workOffQueuedJobs();
    const [latest] = (await readOutbox(dataDir)).slice(-1);
    expect((await simpleParser(latest)).subject).toBe("Sign in to \u2068Stored Name\u2069");
    expect(latest).not.toContain("First Run Name");
  });

  it("the digest's subject, header, text and List-Id", async () => {
    const body = buildDigestBody(
      [{ id: "p", slug: "a-post", title: "A post", standfirst: null, excerpt: "Words.", publishedAt: new Date(), coverImageUrl: null, coverImageAlt: null, seriesId: null, categoryId: null, seriesTitle: null, seriesPosition: null, categoryName: null, authorNames: ["Ann"] }],
      (await readSiteSettings()).name,
    );
    expect(body.subject).toBe("\u2068Stored Name\u2069: \u2068A post\u2069");
    expect(body.html).toContain(">Stored Name</p>");
    expect(await buildDigestPreview()).toBeNull(); // no posts in this database yet: nothing to preview
  });

  it("feeds' titles and descriptions", async () => {
    const rss = await renderFeed({ kind: "site" }, "rss");
    expect(rss).toContain("<title>Stored Name</title>");
    expect(rss).toContain("<description>Stored tagline</description>");
    expect(await renderFeed({ kind: "site" }, "atom")).toContain("<author><name>Stored Name</name></author>");
  });

  it("JSON-LD's publisher, with the site's accounts", async () => {
    expect(organizationJsonLd(await readSiteSettings())).toEqual({ "@type": "Organization", name: "Stored Name", url: "http://docket.test/", sameAs: ["https://x.com/storedname"] });
  });

  it("new posts start with comments allowed or not, as set", async () => {
    const settings = await readSiteSettings();
    await storeSiteSettings({ ...settings, newPostsAllowComments: false });
    const closed = await runCommand(createPost, cast.AUTHOR, { title: "Quiet post" });
    await storeSiteSettings({ ...settings, newPostsAllowComments: true });
    const open = await runCommand(createPost, cast.AUTHOR, { title: "Chatty post" });
    const rows = await db().post.findMany({ where: { id: { in: [closed.data.postId, open.data.postId] } }, select: { title: true, commentsOpen: true }, orderBy: { title: "asc" } });
    expect(rows).toEqual([
      { title: "Chatty post", commentsOpen: true },
      { title: "Quiet post", commentsOpen: false },
    ]);
  });
});

describe("the site's icon", () => {
  /** The sizes of the PNG images inside an ICO file, from its directory. */
  function icoSizes(bytes: Uint8Array): number[] {
    const view = Buffer.from(bytes);
    expect(view.readUInt16LE(0)).toBe(0);
    expect(view.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    return Array.from({ length: view.readUInt16LE(4) }, (_, index) => view[6 + index * 16]);
  }

  it("is Docket's own until one is uploaded, then that one, drawn square at each size", async () => {
    const settings = await readSiteSettings();
    expect(icoSizes(await renderSiteIcon("favicon.ico"))).toEqual([16, 32, 48]);
    expect(siteIconLinks(settings).icon).toEqual([{ url: "/favicon.ico", sizes: "48x48" }, { url: "/icon.svg", type: "image/svg+xml", sizes: "any" }]);
    const defaultTouch = await sharp(Buffer.from(await renderSiteIcon("apple-touch-icon.png"))).stats();

    const wide = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#00ff00" } }).png().toBuffer();
    const { data: uploaded } = await runCommand(uploadImage, cast.ADMIN, { file: new File([new Uint8Array(wide)], "icon.png", { type: "image/png" }) });
    await storeSiteSettings({ ...settings, faviconUrl: uploaded.url });
    expect(icoSizes(await renderSiteIcon("favicon.ico"))).toEqual([16, 32, 48]);
    const touch = sharp(Buffer.from(await renderSiteIcon("apple-touch-icon.png")));
    expect(await touch.metadata()).toMatchObject({ format: "png", width: 180, height: 180 });
    const { dominant } = await touch.stats();
    expect(dominant.g).toBeGreaterThan(200);
    expect(dominant).not.toEqual(defaultTouch.dominant);
    const version = path.basename(uploaded.url, ".webp");
    expect(siteIconLinks({ faviconUrl: uploaded.url })).toEqual({
      icon: [{ url: `/favicon.ico?v=${version}`, sizes: "48x48" }],
      apple: [{ url: `/apple-touch-icon.png?v=${version}`, sizes: "180x180" }],
    });
    await storeSiteSettings(settings);
  });
});

describe("nothing reads the site's name or digest schedule from the environment but the first run", () => {
  it("finds SITE_NAME, SITE_TAGLINE, DIGEST_CRON and DIGEST_TIMEZONE only in src/lib/env.ts and the site feature", async () => {
    const root = path.join(import.meta.dirname, "../../src");
    const offenders: string[] = [];
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      if (file === "lib/env.ts" || file.startsWith("features/site/") || file.startsWith("generated/")) continue;
      if (/\b(SITE_NAME|SITE_TAGLINE|DIGEST_CRON|DIGEST_TIMEZONE)\b/.test(await readFile(path.join(root, file), "utf8"))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
