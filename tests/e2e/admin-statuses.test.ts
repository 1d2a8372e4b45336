// The admin answers with real statuses: 403 for a page the role may not open (or someone else's post),
// 404 in the admin's design for a post, page, series, category, tag, byline, login, outbox message or
// import run that does not exist, 307 to sign-in for a signed-out visitor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { baseUrl, connectToTestDatabase, sessionCookieFor } from "../helpers/e2e";

let client: pg.Client;
beforeAll(async () => {
  client = await connectToTestDatabase();
});
afterAll(async () => {
  await client.end();
});

async function statusOf(path: string, cookie?: { name: string; value: string }) {
  const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual", headers: cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {} });
  return { status: response.status, body: await response.text() };
}

describe("admin statuses", () => {
  it("answers 403 to a guest on editors' pages and on someone else's post, with the refusal page", async () => {
    const guest = await sessionCookieFor(client, "GUEST");
    const {
      rows: [theirs],
    } = await client.query<{ id: string }>(
      `SELECT p.id FROM "Post" p WHERE NOT EXISTS (SELECT 1 FROM "PostAuthor" pa JOIN "AuthorProfile" ap ON ap.id = pa."profileId" JOIN "User" u ON u.id = ap."userId" WHERE pa."postId" = p.id AND u.role = 'GUEST') LIMIT 1`,
    );
    for (const path of ["/admin/people", "/admin/subscribers", "/admin/outbox", "/admin/review", `/admin/posts/${theirs.id}`, `/admin/posts/${theirs.id}/history`]) {
      const answer = await statusOf(path, guest);
      expect(answer.status, path).toBe(403);
      expect(answer.body, path).toContain("Not available");
    }
    expect((await statusOf("/admin/posts", guest)).status).toBe(200);
  });

  it("answers 404 for a post that does not exist, and 307 to sign-in when signed out", async () => {
    const editor = await sessionCookieFor(client, "EDITOR");
    expect((await statusOf("/admin/posts/no-such-post", editor)).status).toBe(404);
    expect((await statusOf("/admin/posts/no-such-post/history", editor)).status).toBe(404);
    // Broken percent-encoding in the id is an address that finds nothing, not a server error.
    for (const id of ["%ZZ", "%25ZZ", "%E0%A4%A"]) {
      for (const section of ["posts", "pages"]) expect((await statusOf(`/admin/${section}/${id}`, editor)).status, `/admin/${section}/${id}`).toBe(404);
    }
    expect((await statusOf("/admin/people", editor)).status).toBe(200);
    expect((await statusOf("/admin/people")).status).toBe(307);
  });

  it("answers 404 in the admin's design for every other kind of thing that does not exist, and 200 for one that does", async () => {
    const admin = await sessionCookieFor(client, "ADMIN");
    for (const path of [
      "/admin/pages/no-such-page",
      "/admin/series/no-such-series",
      "/admin/categories/no-such-category",
      "/admin/tags/no-such-tag",
      "/admin/people/bylines/no-such-byline",
      "/admin/people/logins/no-such-login",
      `/admin/people/logins/${"x".repeat(200)}`,
      "/admin/outbox/no-such-message.eml",
      "/admin/outbox/..%2F..%2Fetc%2Fpasswd",
      "/admin/import/no-such-run",
    ]) {
      const answer = await statusOf(path, admin);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toContain("This page does not exist.");
    }
    const { rows: [existing] } = await client.query<{ series: string; category: string; tag: string; byline: string; login: string }>(
      `SELECT (SELECT id FROM "Series" LIMIT 1) AS series, (SELECT id FROM "Category" LIMIT 1) AS category, (SELECT id FROM "Tag" LIMIT 1) AS tag,
              (SELECT id FROM "AuthorProfile" LIMIT 1) AS byline, (SELECT id FROM "User" LIMIT 1) AS login`,
    );
    for (const path of ["/admin/series/new", "/admin/categories/new", `/admin/series/${existing.series}`, `/admin/categories/${existing.category}`, `/admin/tags/${existing.tag}`, `/admin/people/bylines/${existing.byline}`, `/admin/people/logins/${existing.login}`]) {
      expect((await statusOf(path, admin)).status, path).toBe(200);
    }
  });
});
