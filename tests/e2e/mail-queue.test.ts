// Email goes through the job queue: with the SMTP server stopped, an editor publishes a post and
// approves a comment in Chromium, and each answers at once (the change made, the email not sent but
// queued); when the SMTP server starts again, the worker sends both. A site of its own (database,
// web server, worker) whose SMTP_URL points at a real SMTP server this test stops and starts.
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseIfMissing, findFreePort } from "@/lib/embedded-postgres";
import { prepareDatabase } from "../../scripts/lib/services";
import { e2eDatabaseUrl, e2eDataDir, openBrowser, sessionCookieFor } from "../helpers/e2e";
import { startExtraWebServer, startExtraWorker, type ExtraWebServer } from "../helpers/extra-web-server";
import { TEMPLATE_DATABASE } from "../helpers/postgres-server";

type Received = { to: string; subject: string };
const received: Received[] = [];
let smtp: SMTPServer | null = null;
let smtpPort: number;

function startSmtp(): Promise<void> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(","), subject: mail.subject ?? "" }))
        .then(() => callback(), callback);
    },
  });
  smtp = server;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(smtpPort, "127.0.0.1", () => resolve());
  });
}

async function stopSmtp(): Promise<void> {
  const server = smtp;
  smtp = null;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

let site: ExtraWebServer;
let worker: { stop: () => Promise<void> };
let client: pg.Client;
let browser: Browser;
const unique = randomBytes(3).toString("hex");
const POST_TITLE = `Queued mail post ${unique}`;

async function query<Row extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<Row[]> {
  return (await client.query<Row>(sql, values)).rows;
}

/** An author with a byline and a login, their submitted post, and a held comment on their published one. */
async function createFixtures() {
  const [author] = await query<{ id: string }>(`INSERT INTO "User" (id, email, role, "updatedAt") VALUES ($1, $2, 'AUTHOR', now()) RETURNING id`, [`mq-author-${unique}`, `author.${unique}@example.org`]);
  const [profile] = await query<{ id: string }>(`INSERT INTO "AuthorProfile" (id, "userId", slug, "displayName", "updatedAt") VALUES ($1, $2, $3, 'Queue Author', now()) RETURNING id`, [
    `mq-profile-${unique}`,
    author.id,
    `queue-author-${unique}`,
  ]);
  const post = async (id: string, title: string, status: "SUBMITTED" | "PUBLISHED") => {
    await query(
      `INSERT INTO "Post" (id, slug, title, "bodyMarkdown", "bodyHtml", status, "createdById", "submittedAt", "publishedAt", "updatedAt")
       VALUES ($1, $2, $3, 'Some text worth reading.', '<p>Some text worth reading.</p>', $4::"PostStatus", $5, now(), CASE WHEN $4 = 'PUBLISHED' THEN now() END, now())`,
      [id, `${id}-slug`, title, status, author.id],
    );
    await query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, $2, 0)`, [id, profile.id]);
    await query(
      `INSERT INTO "Revision" (id, "postId", number, title, "bodyMarkdown", slug, "authorProfileIds", "authorId") VALUES ($1, $2, 1, $3, 'Some text worth reading.', $4, ARRAY[$5], $6)`,
      [`${id}-rev`, id, title, `${id}-slug`, profile.id, author.id],
    );
    if (status === "PUBLISHED") await query(`UPDATE "Post" SET "liveRevisionId" = $1 WHERE id = $2`, [`${id}-rev`, id]);
  };
  await post(`mq-submitted-${unique}`, POST_TITLE, "SUBMITTED");
  await post(`mq-later-${unique}`, `Later ${POST_TITLE}`, "SUBMITTED");
  await post(`mq-published-${unique}`, `Commented post ${unique}`, "PUBLISHED");
  for (const id of [`mq-comment-${unique}`, `mq-later-comment-${unique}`]) {
    await query(`INSERT INTO "Comment" (id, "postId", "authorName", "authorEmail", body, status) VALUES ($1, $2, 'A Reader', 'reader@example.org', $3, 'PENDING')`, [
      id,
      `mq-published-${unique}`,
      `A held comment ${id}.`,
    ]);
  }
  return {
    authorEmail: `author.${unique}@example.org`,
    postId: `mq-submitted-${unique}`,
    commentId: `mq-comment-${unique}`,
    laterPostId: `mq-later-${unique}`,
    laterCommentId: `mq-later-comment-${unique}`,
  };
}

let fixtures: Awaited<ReturnType<typeof createFixtures>>;

beforeAll(async () => {
  smtpPort = await findFreePort();
  const adminUrl = new URL(e2eDatabaseUrl());
  adminUrl.pathname = "/postgres";
  const database = `docket_mail_${unique}`;
  await createDatabaseIfMissing(adminUrl.toString(), database, TEMPLATE_DATABASE);
  const databaseUrl = new URL(e2eDatabaseUrl());
  databaseUrl.pathname = `/${database}`;
  await prepareDatabase(databaseUrl.toString(), { demoContent: false });
  client = new pg.Client({ connectionString: databaseUrl.toString() });
  await client.connect();
  fixtures = await createFixtures();
  const dataDir = path.join(e2eDataDir(), `mail-${unique}`);
  await mkdir(dataDir, { recursive: true });
  const env = { DATABASE_URL: databaseUrl.toString(), DOCKET_DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_RETRY_DELAY_SECONDS: "1" };
  [site, browser] = await Promise.all([startExtraWebServer(env), openBrowser()]);
  worker = startExtraWorker(site, env);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await site?.stop();
  await stopSmtp();
  await client?.end();
});

/** The editor's page in Chromium, signed in with a session made in the database. */
async function editorPage() {
  const cookie = await sessionCookieFor(client, "EDITOR").catch(async () => {
    await query(`INSERT INTO "User" (id, email, role, "updatedAt") VALUES ($1, $2, 'EDITOR', now())`, [`mq-editor-${unique}`, `editor.${unique}@example.org`]);
    return sessionCookieFor(client, "EDITOR");
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ ...cookie, url: site.url }]);
  return context.newPage();
}

const queuedMail = (subject: string) =>
  query<{ state: string; to: string }>(`SELECT state::text, data->>'to' AS "to" FROM pgboss.job WHERE name = 'mail' AND data->>'subject' = $1`, [subject]);

/** Publishes the post and approves the comment in Chromium as an editor, each answered with its notice. */
async function publishAndApprove(page: Page, postId: string, commentId: string) {
  await page.goto(`${site.url}/admin/posts/${postId}`);
  const publish = page.getByRole("button", { name: "Publish now" });
  await publish.waitFor();
  await publish.click();
  await page.getByRole("status").filter({ hasText: "Published." }).waitFor();
  expect((await query<{ status: string }>(`SELECT status::text FROM "Post" WHERE id = $1`, [postId]))[0].status).toBe("PUBLISHED");

  await page.goto(`${site.url}/admin/comments`);
  const approve = page.locator(`#row-${commentId}`).getByRole("button", { name: "Approve" });
  await approve.waitFor();
  await approve.click();
  await page.getByRole("status").filter({ hasText: "1 comment approved." }).waitFor();
  expect((await query<{ status: string }>(`SELECT status::text FROM "Comment" WHERE id = $1`, [commentId]))[0].status).toBe("APPROVED");
}

describe("email with the mail server down", () => {
  it("publishes and approves at once, queues the emails, and sends them when the server is back", async () => {
    const page = await editorPage();
    await publishAndApprove(page, fixtures.postId, fixtures.commentId);

    // Nothing reached a mail server (there is none); each email waits in the queue for the worker.
    expect(received).toEqual([]);
    const published = await queuedMail(`Published: \u2068${POST_TITLE}\u2069`);
    const commented = await queuedMail(`New comment on “\u2068Commented post ${unique}\u2069”`);
    expect(published.map((job) => job.to)).toEqual([fixtures.authorEmail]);
    expect(commented.map((job) => job.to)).toEqual([fixtures.authorEmail]);
    for (const job of [...published, ...commented]) expect(["created", "retry", "active"]).toContain(job.state);

    await startSmtp();
    while (received.filter((mail) => mail.to === fixtures.authorEmail).length < 2) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.map((mail) => mail.subject).sort()).toEqual([`New comment on “\u2068Commented post ${unique}\u2069”`, `Published: \u2068${POST_TITLE}\u2069`]);
    expect((await queuedMail(`Published: \u2068${POST_TITLE}\u2069`)).map((job) => job.state)).toEqual(["completed"]);

    // The same with the server running.
    await publishAndApprove(page, fixtures.laterPostId, fixtures.laterCommentId);
  });
});
