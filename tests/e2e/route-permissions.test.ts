// Route handlers that change the whole site answer an editor, a guest and a stranger with a refusal,
// against the real server: the restore and the WordPress import (administrators only), the backup
// and the subscriber list downloads. The refused requests change nothing.
import { gzipSync } from "node:zlib";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, connectToTestDatabase, sessionCookieFor } from "../helpers/e2e";

let client: pg.Client;
beforeAll(async () => {
  client = await connectToTestDatabase();
});
afterAll(async () => {
  await client.end();
});

async function cookieOf(role: "ADMIN" | "EDITOR" | "AUTHOR" | "GUEST") {
  const session = await sessionCookieFor(client, role);
  return `${session.name}=${session.value}`;
}

const count = async (table: string) => Number((await client.query<{ count: string }>(`SELECT count(*) FROM "${table}"`)).rows[0].count);

const WXR = `<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>x</title><wp:wxr_version>1.2</wp:wxr_version></channel></rss>`;

describe("the whole-site endpoints", () => {
  it("refuse an editor's and a guest's POST to the restore and the import with 403, and a stranger's with 401", async () => {
    const before = { runs: await count("ImportRun"), posts: await count("Post"), users: await count("User") };
    const backup = gzipSync(Buffer.from(JSON.stringify({ docketBackup: { version: 1 } })));
    for (const role of ["EDITOR", "GUEST"] as const) {
      const cookie = await cookieOf(role);
      const restore = await fetch(`${baseUrl()}/api/backup/restore`, { method: "POST", body: backup, headers: { cookie, "x-file-name": "backup.json.gz" } });
      expect(restore.status, `restore as ${role}`).toBe(403);
      expect(await restore.json()).toMatchObject({ error: "You are not allowed to do that." });
      const started = await fetch(`${baseUrl()}/api/wordpress/import?dryRun=0`, { method: "POST", body: WXR, headers: { cookie, "x-file-name": "export.xml" } });
      expect(started.status, `import as ${role}`).toBe(403);
      expect(await started.json()).toMatchObject({ error: "You are not allowed to do that." });
    }
    expect((await fetch(`${baseUrl()}/api/backup/restore`, { method: "POST", body: backup })).status).toBe(401);
    expect((await fetch(`${baseUrl()}/api/wordpress/import`, { method: "POST", body: WXR })).status).toBe(401);
    expect({ runs: await count("ImportRun"), posts: await count("Post"), users: await count("User") }).toEqual(before);
  });

  it("give the backup to an administrator only, and the subscriber list to editors, recording each download", async () => {
    for (const role of ["EDITOR", "GUEST"] as const) {
      expect((await fetch(`${baseUrl()}/admin/backup/download`, { headers: { cookie: await cookieOf(role) }, redirect: "manual" })).status, role).toBe(403);
    }
    // Signed out, the admin's guard sends the browser to sign in first.
    expect((await fetch(`${baseUrl()}/admin/backup/download`, { redirect: "manual" })).status).toBe(307);
    for (const role of ["AUTHOR", "GUEST"] as const) {
      expect((await fetch(`${baseUrl()}/admin/subscribers/export`, { headers: { cookie: await cookieOf(role) } })).status, role).toBe(403);
    }
    expect((await fetch(`${baseUrl()}/admin/subscribers/export`)).status).toBe(401);

    const exportsBefore = await count("AuditLog");
    const csv = await fetch(`${baseUrl()}/admin/subscribers/export`, { headers: { cookie: await cookieOf("EDITOR") } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split("\n")[0]).toMatch(/^email,status,receives/);
    const { rows } = await client.query<{ action: string; role: string }>(
      `SELECT a.action, u.role::text AS role FROM "AuditLog" a JOIN "User" u ON u.id = a."actorId" ORDER BY a."createdAt" DESC LIMIT 1`,
    );
    expect(rows).toEqual([{ action: "subscribers.exported", role: "EDITOR" }]);
    expect(await count("AuditLog")).toBe(exportsBefore + 1);
  });
});
