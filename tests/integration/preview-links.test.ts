// Preview links: who may make and revoke them, what is stored (only the token's hash), what a link
// opens (the latest saved text, public bylines only), and when it stops working.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { AuthorizationError } from "@/lib/errors";
import { publishPost, unpublishPost } from "@/features/posts/commands";
import { publishScheduledPost } from "@/features/posts/store";
import { makePreviewLink, withdrawPreviewLink } from "@/features/preview-links/commands";
import { findPreviewedPost, findPreviewLinkState, listActivePreviewLinks } from "@/features/preview-links/data";
import { hashPreviewToken } from "@/features/preview-links/token";
import { migrationsDir } from "@/lib/schema-engine";
import { createEmptyDatabase } from "../helpers/database";
import { createCast, createTestPost, openEditorialTestDatabase, TEST_SITE, useTestSettings, editPost } from "./editorial-fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
});

const DAY_MS = 24 * 60 * 60 * 1000;

async function makeLink(user: SessionUser, postId: string, days?: number) {
  const outcome = await runCommand(makePreviewLink, user, { postId, ...(days === undefined ? {} : { days: String(days) }) });
  const url = new URL(outcome.data.url);
  const token = url.pathname.replace(/^\/preview\//, "");
  const link = await db().previewLink.findUniqueOrThrow({ where: { tokenHash: hashPreviewToken(token) } });
  return { outcome, url, token, link };
}

describe("making a preview link", () => {
  it("lets a guest share their own draft: a one-time URL, a hash in the database, seven days by default, audited", async () => {
    const draft = await createTestPost(cast.GUEST, "DRAFT");
    const before = Date.now();
    const { outcome, url, token, link } = await makeLink(cast.GUEST, draft.id);

    expect(outcome.message).toBe("Preview link made. It works for 7 days. Copy it now: it is shown only once.");
    expect(url.origin).toBe(TEST_SITE);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    // The token itself is nowhere in the database.
    const stored = await db().$queryRaw<{ row: string }[]>`SELECT row_to_json(l)::text AS row FROM "PreviewLink" l`;
    expect(stored.some(({ row }) => row.includes(token))).toBe(false);
    expect(link.expiresAt.getTime() - before).toBeGreaterThanOrEqual(7 * DAY_MS - 1000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * DAY_MS);
    expect(link).toMatchObject({ postId: draft.id, createdById: cast.GUEST.id, revokedAt: null });

    const audit = await db().auditLog.findFirstOrThrow({ where: { entityType: "PreviewLink", entityId: link.id } });
    expect(audit).toMatchObject({ action: "preview-link.created", actorId: cast.GUEST.id, details: { postId: draft.id, days: 7 } });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("takes 1 to 30 days, and refuses anything else on the days field", async () => {
    const draft = await createTestPost(cast.AUTHOR, "DRAFT");
    expect((await makeLink(cast.AUTHOR, draft.id, 1)).outcome.message).toMatch(/works for 1 day\./);
    const month = (await makeLink(cast.AUTHOR, draft.id, 30)).link;
    expect(Math.round((month.expiresAt.getTime() - month.createdAt.getTime()) / DAY_MS)).toBe(30);
    for (const days of ["0", "31", "2.5", "soon"]) {
      await expect(runCommand(makePreviewLink, cast.AUTHOR, { postId: draft.id, days })).rejects.toMatchObject({ fieldErrors: { days: expect.any(String) } });
    }
  });

  it("is an editor's for any unpublished post and a writer's only for their own", async () => {
    const othersDraft = await createTestPost(cast.OTHER, "DRAFT");
    await expect(runCommand(makePreviewLink, cast.GUEST, { postId: othersDraft.id })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(makePreviewLink, cast.AUTHOR, { postId: othersDraft.id })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(makePreviewLink, null, { postId: othersDraft.id })).rejects.toMatchObject({ failure: "SIGNED_OUT" });
    expect(await db().previewLink.count({ where: { postId: othersDraft.id } })).toBe(0);

    await makeLink(cast.EDITOR, othersDraft.id);
    const submitted = await createTestPost(cast.GUEST, "SUBMITTED");
    await makeLink(cast.GUEST, submitted.id);
    await makeLink(cast.ADMIN, submitted.id);
    expect(await db().previewLink.count({ where: { postId: { in: [othersDraft.id, submitted.id] } } })).toBe(3);
  });

  it("refuses a published post (it has its own address) and a post that does not exist", async () => {
    const published = await createTestPost(cast.AUTHOR, "PUBLISHED");
    await expect(runCommand(makePreviewLink, cast.AUTHOR, { postId: published.id })).rejects.toThrow("This post is published: share its own address instead.");
    await expect(runCommand(makePreviewLink, cast.EDITOR, { postId: published.id })).rejects.toBeInstanceOf(AuthorizationError);
    await expect(runCommand(makePreviewLink, cast.EDITOR, { postId: "no-such-post" })).rejects.toThrow("This post no longer exists.");
  });
});

describe("what a preview link opens", () => {
  it("shows the latest saved text, with public bylines only", async () => {
    const pen = await db().authorProfile.create({ data: { slug: "the-wing-cleaner", displayName: "The Wing Cleaner", isPseudonymous: true, realName: "Barnaby Secretson" } });
    const draft = await createTestPost(cast.GUEST, "DRAFT");
    await db().postAuthor.create({ data: { postId: draft.id, profileId: pen.id, position: 1 } });
    const { token } = await makeLink(cast.GUEST, draft.id);

    await editPost(cast.GUEST, { postId: draft.id, title: "Nights on B wing", slug: "nights-on-b-wing", bodyMarkdown: "The **first** version." });
    expect(await findPreviewedPost(hashPreviewToken(token))).toMatchObject({ title: "Nights on B wing", bodyHtml: "<p>The <strong>first</strong> version.</p>" });
    await editPost(cast.GUEST, { postId: draft.id, title: "Nights on B wing", slug: "nights-on-b-wing", bodyMarkdown: "The *second* version." });
    const preview = await findPreviewedPost(hashPreviewToken(token));
    expect(preview).toMatchObject({ status: "DRAFT", bodyHtml: "<p>The <em>second</em> version.</p>" });
    expect(preview!.authors.map((author) => author.displayName)).toEqual(["Gus Guest", "The Wing Cleaner"]);
    expect(Object.keys(preview!.authors[1]).sort()).toEqual(["avatarUrl", "displayName", "slug", "website", "xHandle"]);
    expect(JSON.stringify(preview)).not.toContain("Secretson");
  });

  it("opens nothing for an unknown token, and stops at the expiry time", async () => {
    const draft = await createTestPost(cast.GUEST, "DRAFT");
    const { token, link } = await makeLink(cast.GUEST, draft.id, 2);
    expect(await findPreviewedPost(hashPreviewToken("x".repeat(43)))).toBeNull();
    expect(await findPreviewedPost(hashPreviewToken(token), new Date(link.expiresAt.getTime() - 1000))).not.toBeNull();
    expect(await findPreviewedPost(hashPreviewToken(token), link.expiresAt)).toBeNull();
    expect(await findPreviewLinkState(hashPreviewToken(token), new Date(link.expiresAt.getTime() - 1000))).toBe("preview");
    expect(await findPreviewLinkState(hashPreviewToken(token), link.expiresAt)).toBe("dead");
    expect(await findPreviewLinkState(hashPreviewToken("x".repeat(43)))).toBe("dead");
    expect((await listActivePreviewLinks(draft.id, link.expiresAt)).map((entry) => entry.id)).toEqual([]);
  });
});

describe("revoking a preview link", () => {
  it("stops the link at once; the post's writer or an editor may, another writer may not; audited", async () => {
    const draft = await createTestPost(cast.GUEST, "DRAFT");
    const first = await makeLink(cast.GUEST, draft.id);
    const second = await makeLink(cast.EDITOR, draft.id);
    expect((await listActivePreviewLinks(draft.id)).map((entry) => entry.id)).toEqual([second.link.id, first.link.id]);

    await expect(runCommand(withdrawPreviewLink, cast.OTHER, { linkId: first.link.id })).rejects.toBeInstanceOf(AuthorizationError);
    expect(await findPreviewedPost(hashPreviewToken(first.token))).not.toBeNull();

    expect((await runCommand(withdrawPreviewLink, cast.GUEST, { linkId: second.link.id })).message).toBe("Preview link revoked: it no longer opens the post.");
    expect((await runCommand(withdrawPreviewLink, cast.EDITOR, { linkId: first.link.id })).message).toBe("Preview link revoked: it no longer opens the post.");
    expect(await findPreviewedPost(hashPreviewToken(first.token))).toBeNull();
    expect(await findPreviewedPost(hashPreviewToken(second.token))).toBeNull();
    expect(await findPreviewLinkState(hashPreviewToken(first.token))).toBe("dead");
    expect(await listActivePreviewLinks(draft.id)).toEqual([]);
    expect((await runCommand(withdrawPreviewLink, cast.EDITOR, { linkId: first.link.id })).message).toBe("That preview link was already revoked.");

    const entries = await db().auditLog.findMany({ where: { action: "preview-link.revoked", entityId: { in: [first.link.id, second.link.id] } }, select: { actorId: true, entityId: true } });
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(expect.arrayContaining([{ actorId: cast.EDITOR.id, entityId: first.link.id }, { actorId: cast.GUEST.id, entityId: second.link.id }]));
    await expect(runCommand(withdrawPreviewLink, cast.EDITOR, { linkId: "no-such-link" })).rejects.toThrow("That preview link no longer exists.");
  });

  it("ends for good when its post is published: unpublished again, the post is not previewed through it", async () => {
    const draft = await createTestPost(cast.AUTHOR, "SUBMITTED");
    const { token } = await makeLink(cast.AUTHOR, draft.id);
    expect(await findPreviewLinkState(hashPreviewToken(token))).toBe("preview");
    await runCommand(publishPost, cast.EDITOR, { postId: draft.id });
    expect(await findPreviewLinkState(hashPreviewToken(token))).toEqual({ publishedSlug: draft.slug });
    await runCommand(unpublishPost, cast.EDITOR, { postId: draft.id });
    expect(await findPreviewLinkState(hashPreviewToken(token))).toBe("dead");
    expect(await findPreviewedPost(hashPreviewToken(token))).toBeNull();
    // A link made after that works until the next publication, by the worker's schedule too.
    const later = await makeLink(cast.EDITOR, draft.id);
    expect(await findPreviewLinkState(hashPreviewToken(later.token))).toBe("preview");
    expect(await publishScheduledPost({ id: draft.id, scheduledFor: new Date() }, new Date())).toBe(false);
    await db().post.update({ where: { id: draft.id }, data: { status: "SCHEDULED", scheduledFor: new Date() } });
    expect(await publishScheduledPost({ id: draft.id, scheduledFor: new Date() }, new Date())).toBe(true);
    await runCommand(unpublishPost, cast.EDITOR, { postId: draft.id });
    expect(await findPreviewLinkState(hashPreviewToken(later.token))).toBe("dead");
  });

  it("leads to the post once it is published, and still lets the writer revoke it", async () => {
    const draft = await createTestPost(cast.AUTHOR, "DRAFT");
    const { link, token } = await makeLink(cast.AUTHOR, draft.id);
    await db().post.update({ where: { id: draft.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    expect(await findPreviewedPost(hashPreviewToken(token))).toMatchObject({ status: "PUBLISHED" });
    expect(await findPreviewLinkState(hashPreviewToken(token))).toEqual({ publishedSlug: draft.slug });
    await runCommand(withdrawPreviewLink, cast.AUTHOR, { linkId: link.id });
    expect(await findPreviewedPost(hashPreviewToken(token))).toBeNull();
    expect(await findPreviewLinkState(hashPreviewToken(token))).toBe("dead");
  });
});

describe("the migration that ends preview links at publication", () => {
  it("ends the working links of posts published when it runs, and leaves the others working", async () => {
    const url = await createEmptyDatabase();
    const names = (await readdir(migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const index = names.findIndex((name) => name.endsWith("_preview_links_and_import_author_step"));
    expect(index).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const name of names.slice(0, index)) await client.query(await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8"));
      await client.query(`INSERT INTO "Post" (id, slug, title, status, "publishedAt", "updatedAt") VALUES ('live', 'live', 'Live', 'PUBLISHED', '2026-01-02', now()), ('draft', 'draft', 'Draft', 'DRAFT', NULL, now())`);
      await client.query(
        `INSERT INTO "PreviewLink" (id, "postId", "tokenHash", "expiresAt", "revokedAt") VALUES
           ('on-live', 'live', 'h1', now() + interval '1 day', NULL), ('on-draft', 'draft', 'h2', now() + interval '1 day', NULL), ('revoked', 'live', 'h3', now() + interval '1 day', now())`,
      );
      await client.query(await readFile(path.join(migrationsDir, names[index], "migration.sql"), "utf8"));
      const { rows } = await client.query(`SELECT id, "postPublishedAt" FROM "PreviewLink" ORDER BY id`);
      expect(rows).toEqual([
        { id: "on-draft", postPublishedAt: null },
        { id: "on-live", postPublishedAt: new Date("2026-01-02T00:00:00Z") },
        { id: "revoked", postPublishedAt: null },
      ]);
    } finally {
      await client.end();
    }
  });
});
