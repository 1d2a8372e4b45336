// The digest end to end in one process, into a real SMTP server, read back with mailparser.
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { AuthorizationError, InputError, UserFacingError } from "@/lib/errors";
import { mailServer, type MailServer } from "@/lib/mail/send";
import { createSignedToken, verifySignedToken } from "@/lib/signed-links";
import { resendUncertainDigest } from "@/features/digest/commands";
import { digestMessageId } from "@/features/digest/content";
import { claimDeliveries, startOrResumeDigestRun } from "@/features/digest/mutations";
import { describeMailServerStatus, resumeUnfinishedDigest, runDigest, type MailServerStatus } from "@/features/digest/sender";
import { progressLine } from "../../scripts/lib/progress";
import { POST as inboundUnsubscribe } from "@/app/api/unsubscribe/mail/route";
// The route handlers look the session up through Next's request context, which only a running server
// has; these requests come from mail providers, with no session.
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

import { useTestDatabase } from "../helpers/database";
import { createTestUser } from "./editorial-fixtures";
import { startTestSmtpServer, type TestSmtpServer } from "./digest-smtp-server";
import {
  createActiveSubscribers,
  createCategory,
  createProfile,
  createPublishedPost,
  createSeries,
  createSubscriber,
  hoursAgo,
} from "./digest-fixtures";

const INBOUND_SECRET = "inbound-mail-secret-inbound-mail-secret-42";
let smtp: TestSmtpServer;
let rejections = new Map<string, number[]>();

beforeAll(async () => {
  process.env.SITE_URL = "https://docket.example";
  process.env.SITE_NAME = "Docket Test";
  process.env.MAIL_FROM = "Docket Test <digest@docket.example>";
  process.env.NEXTAUTH_SECRET = "digest-test-secret-digest-test-secret-0123";
  process.env.INBOUND_MAIL_SECRET = INBOUND_SECRET;
  process.env.DOCKET_DATA_DIR = await mkdtemp(path.join(tmpdir(), "docket-digest-"));
  await useTestDatabase();
  smtp = await startTestSmtpServer({
    rejectRecipient: (address) => {
      const queue = rejections.get(address);
      return queue?.length ? queue.shift() : undefined;
    },
  });
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  smtp.messages.length = 0;
  rejections = new Map();
  await db().digestRun.deleteMany();
  await db().subscriber.deleteMany();
  await db().post.deleteMany();
});

async function digestNow(options: Parameters<typeof runDigest>[0] = {}) {
  return runDigest({ mailServer: mailServer({ smtpUrl: smtp.url }), ratePerSecond: 10_000, retryDelaysMs: [50, 50], ...options });
}

async function received(): Promise<(ParsedMail & { recipient: string })[]> {
  return Promise.all(smtp.messages.map(async (message) => Object.assign(await simpleParser(message.raw), { recipient: message.to[0] })));
}

function header(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((entry) => entry.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(":") + 1).trim() : "";
}

describe("the digest email", () => {
  it("has both parts, the posts with public bylines and series lines, signed links and one-click headers", async () => {
    const pen = await createProfile("Prison Pen", { isPseudonymous: true, realName: "Jane Secret-Realname" });
    const editor = await createProfile("Ada Editor");
    const series = await createSeries("Why I tweet");
    await createPublishedPost({
      title: "Why I tweet: the 28th",
      standfirst: "Our guest explains why.",
      publishedAt: hoursAgo(3),
      authorIds: [pen.id, editor.id],
      seriesId: series.id,
      seriesPosition: 28,
    });
    await createPublishedPost({ title: "Probation <reform> & you", publishedAt: hoursAgo(2), authorIds: [editor.id], excerpt: "A short excerpt." });
    await createPublishedPost({ title: "Too old", publishedAt: hoursAgo(30), authorIds: [editor.id] });
    await createPublishedPost({ title: "A draft", publishedAt: hoursAgo(1), authorIds: [editor.id], status: "DRAFT" });
    const subscriber = await createSubscriber("reader@example.test");

    const outcome = await digestNow();
    expect(outcome.final).toMatchObject({ status: "COMPLETED", audienceSize: 1, sentCount: 1, failedCount: 0, uncertainCount: 0 });

    const [mail] = await received();
    expect(smtp.messages).toHaveLength(1);
    expect(mail.recipient).toBe("reader@example.test");
    expect(mail.from?.text).toBe('"Docket Test" <digest@docket.example>');
    expect(mail.subject).toBe("\u2068Docket Test\u2069: \u2068Why I tweet: the 28th\u2069, and 1 more new post");
    const delivery = await db().digestDelivery.findFirstOrThrow({ where: { subscriberId: subscriber.id } });
    expect(delivery).toMatchObject({ status: "SENT", attempts: 1 });
    expect(mail.messageId).toBe(delivery.messageId);
    // Derived from the run and the subscriber: every attempt at this digest carries the same one.
    expect(delivery.messageId).toBe(digestMessageId(outcome.run.id, subscriber.id));
    expect(delivery.messageId).not.toContain(subscriber.id);

    for (const body of [mail.html as string, mail.text as string]) {
      expect(body).toContain("Why I tweet: the 28th");
      // Names and titles set apart (U+2068 … U+2069), so right-to-left text in one reorders nothing else.
      expect(body).toContain("By \u2068Prison Pen\u2069 and \u2068Ada Editor\u2069");
      expect(body).toContain("The 28th post in the \u2068Why I tweet\u2069 series");
      expect(body).toContain("Our guest explains why.");
      expect(body).toContain("A short excerpt.");
      expect(body).not.toContain("Too old");
      expect(body).not.toContain("A draft");
    }
    expect(mail.html).toContain("Probation &lt;reform&gt; &amp; you");
    expect(mail.text).toContain("Probation <reform> & you");
    expect(mail.html).toMatch(/<table role="presentation"/);
    expect(mail.html).toContain('name="color-scheme" content="light dark"');

    const raw = smtp.messages[0].raw.toString("utf8");
    expect(raw).not.toContain("Jane Secret-Realname");

    const postLinks = [...(mail.html as string).matchAll(/href="(https:\/\/docket\.example\/posts\/[^"]+)"/g)].map((match) => match[1]);
    expect(postLinks.length).toBeGreaterThanOrEqual(2);
    const preferences = (mail.text as string).match(/https:\/\/docket\.example\/subscription\/preferences\?token=(\S+)/);
    expect(verifySignedToken(preferences?.[1], "preferences")).toEqual({ ok: true, subject: subscriber.id });
    expect(mail.html).toContain(`https://docket.example/subscription/preferences?token=${preferences?.[1]}`);
    expect(mail.text).toMatch(/Unsubscribe: https:\/\/docket\.example\/subscription\/unsubscribe\?token=\S+/);

    expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const listUnsubscribe = header(mail, "List-Unsubscribe");
    const [https, mailto] = listUnsubscribe.split(",").map((part) => part.trim().replace(/^<|>$/g, ""));
    expect(https).toMatch(/^https:\/\/docket\.example\/api\/unsubscribe\?token=/);
    expect(verifySignedToken(new URL(https).searchParams.get("token"), "unsubscribe")).toEqual({ ok: true, subject: subscriber.id });
    expect(mailto).toMatch(/^mailto:digest@docket\.example\?subject=unsubscribe/);
    expect(header(mail, "Precedence")).toBe("bulk");
  });
});

describe("unsubscribing by email (the List-Unsubscribe mailto:)", () => {
  /** What a mail client sends to the mailto: address, passed on as the mail system would. */
  async function forwardToInbound(mailto: string, secret = INBOUND_SECRET, subjectOverride?: string) {
    const url = new URL(mailto);
    const raw = [`From: reader@example.test`, `To: ${url.pathname}`, `Subject: ${subjectOverride ?? url.searchParams.get("subject")}`, "", "Please unsubscribe me."].join("\r\n");
    return inboundUnsubscribe(new Request("https://docket.example/api/unsubscribe/mail", { method: "POST", body: raw, headers: { authorization: `Bearer ${secret}` } }));
  }

  it("unsubscribes the digest's recipient; a wrong secret or a forged token changes nothing", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    const subscriber = await createSubscriber("mailto@example.test");
    await digestNow();
    const mail = await simpleParser(smtp.messages[0].raw);
    const mailto = header(mail, "List-Unsubscribe").split(",")[1].trim().replace(/^<|>$/g, "");

    expect((await forwardToInbound(mailto, "not-the-secret-not-the-secret-not-the")).status).toBe(401);
    const forged = await forwardToInbound(mailto, INBOUND_SECRET, `unsubscribe ${createSignedToken("unsubscribe", "someone-else")}x`);
    expect(forged.status).toBe(422);
    expect(await forged.json()).toMatchObject({ error: "The unsubscribe token in the message's subject is not valid." });
    expect((await forwardToInbound(mailto, INBOUND_SECRET, "Please remove me")).status).toBe(422);
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "ACTIVE" });

    const response = await forwardToInbound(mailto);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: "unsubscribed" });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "UNSUBSCRIBED" });
  });
});

describe("the audience", () => {
  it("gets only what each subscriber chose; paused, pending, unsubscribed and bounced get nothing", async () => {
    const author = await createProfile("Sam Author");
    const whyTweet = await createSeries("Why I tweet");
    const quiet = await createSeries("A quiet series");
    const policy = await createCategory("Policy");
    await createPublishedPost({ title: "Series post", publishedAt: hoursAgo(5), authorIds: [author.id], seriesId: whyTweet.id, seriesPosition: 3 });
    await createPublishedPost({ title: "Policy post", publishedAt: hoursAgo(4), authorIds: [author.id], categoryId: policy.id });
    await createPublishedPost({ title: "Plain post", publishedAt: hoursAgo(3), authorIds: [author.id] });
    await createSubscriber("all@example.test");
    await createSubscriber("series@example.test", { allPosts: false, seriesIds: [whyTweet.id] });
    await createSubscriber("policy@example.test", { allPosts: false, categoryIds: [policy.id] });
    await createSubscriber("quiet@example.test", { allPosts: false, seriesIds: [quiet.id] });
    await createSubscriber("paused@example.test", { status: "PAUSED" });
    await createSubscriber("pending@example.test", { status: "PENDING" });
    await createSubscriber("left@example.test", { status: "UNSUBSCRIBED" });
    await createSubscriber("bounced@example.test", { status: "BOUNCED" });

    const outcome = await digestNow();
    expect(outcome.final).toMatchObject({ status: "COMPLETED", audienceSize: 3, sentCount: 3 });
    const byRecipient = new Map((await received()).map((mail) => [mail.recipient, mail.text as string]));
    expect([...byRecipient.keys()].sort()).toEqual(["all@example.test", "policy@example.test", "series@example.test"]);
    expect(byRecipient.get("all@example.test")).toMatch(/Series post[\s\S]*Policy post[\s\S]*Plain post/);
    expect(byRecipient.get("series@example.test")).toContain("Series post");
    expect(byRecipient.get("series@example.test")).not.toMatch(/Policy post|Plain post/);
    expect(byRecipient.get("policy@example.test")).toContain("Policy post");
    expect(byRecipient.get("policy@example.test")).not.toMatch(/Series post|Plain post/);
  });

  it("records a run with nothing new as EMPTY and sends nothing; the next window starts where the last ended", async () => {
    const author = await createProfile("Sam Author");
    await createSubscriber("reader@example.test");
    await createPublishedPost({ title: "Old news", publishedAt: hoursAgo(48), authorIds: [author.id] });
    const empty = await digestNow();
    expect(empty.final).toMatchObject({ status: "EMPTY", audienceSize: 0, postIds: [] });
    expect(smtp.messages).toHaveLength(0);
    expect(await db().digestDelivery.count()).toBe(0);

    await createPublishedPost({ title: "Fresh", publishedAt: new Date(Date.now() - 1000), authorIds: [author.id] });
    const second = await digestNow();
    expect(second.run.windowStart).toEqual(empty.run.windowEnd);
    expect(second.final).toMatchObject({ status: "COMPLETED", sentCount: 1 });

    const third = await digestNow();
    expect(third.final?.status).toBe("EMPTY");
    expect(smtp.messages).toHaveLength(1);
  });

  it("freezes the audience at the start: someone subscribing mid-run waits for the next digest", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    await createActiveSubscribers(30);
    const late = { added: false };
    const outcome = await digestNow({
      batchSize: 5,
      concurrency: 1,
      onProgress: () => {
        if (late.added) return;
        late.added = true;
        void createSubscriber("late@example.test");
      },
    });
    expect(outcome.final).toMatchObject({ audienceSize: 30, sentCount: 30 });
    expect(smtp.messages.map((message) => message.to[0])).not.toContain("late@example.test");
  });
});

describe("progress on the command line", () => {
  it("reports sent / total as the run goes, ending at the whole audience", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    await createActiveSubscribers(40);
    const reports: { done: number; total: number; sent: number }[] = [];
    await digestNow({ batchSize: 5, concurrency: 1, onProgress: (progress) => reports.push(progress) });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((report) => report.total === 40)).toBe(true);
    expect(reports.map((report) => report.done)).toEqual([...reports.map((report) => report.done)].sort((a, b) => a - b));
    expect(reports.at(-1)).toMatchObject({ done: 40, sent: 40 });
  });

  it("draws the bar with the count, share, rate and time left", () => {
    expect(progressLine(250, 1000, 10, 20)).toBe("[#####---------------] 250/1,000 25%  25/s  30s left");
    expect(progressLine(1000, 1000, 400, 10)).toBe("[##########] 1,000/1,000 100%  3/s  0s left");
    expect(progressLine(0, 5000, 0, 10)).toBe("[----------] 0/5,000 0%  0/s  -- left");
    expect(progressLine(100, 10_000, 10, 10)).toBe("[----------] 100/10,000 1%  10/s  16m30s left");
  });
});

describe("SMTP failures", () => {
  it("retries a 4xx with backoff and then delivers once", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    const flaky = await createSubscriber("flaky@example.test");
    await createSubscriber("fine@example.test");
    rejections.set("flaky@example.test", [451, 450]);

    const outcome = await digestNow({ retryDelaysMs: [100, 100, 100] });
    expect(outcome.final).toMatchObject({ status: "COMPLETED", sentCount: 2, failedCount: 0 });
    expect(smtp.messages.filter((message) => message.to[0] === "flaky@example.test")).toHaveLength(1);
    const delivery = await db().digestDelivery.findFirstOrThrow({ where: { subscriberId: flaky.id } });
    expect(delivery).toMatchObject({ status: "SENT", attempts: 3, error: null });
  });

  it("gives up after the last retry without holding it against the address", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    const busy = await createSubscriber("busy@example.test");
    rejections.set("busy@example.test", [450, 450, 450, 450]);
    const outcome = await digestNow({ retryDelaysMs: [20, 20] });
    expect(outcome.final).toMatchObject({ status: "COMPLETED", sentCount: 0, failedCount: 1 });
    expect(await db().digestDelivery.findFirstOrThrow({ where: { subscriberId: busy.id } })).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: busy.id } })).toMatchObject({ status: "ACTIVE", permanentFailures: 0 });
  });

  it("marks a 5xx failed at once, counts it against the address, and bounces the address at the third", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    const once = await createSubscriber("gone@example.test");
    const third = await createSubscriber("gone-again@example.test", { permanentFailures: 2 });
    rejections.set("gone@example.test", [550]);
    rejections.set("gone-again@example.test", [552]);

    const outcome = await digestNow();
    expect(outcome.final).toMatchObject({ status: "COMPLETED", sentCount: 0, failedCount: 2 });
    const onceDelivery = await db().digestDelivery.findFirstOrThrow({ where: { subscriberId: once.id } });
    expect(onceDelivery).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(onceDelivery.error).toMatch(/550/);
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: once.id } })).toMatchObject({ status: "ACTIVE", permanentFailures: 1 });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: third.id } })).toMatchObject({ status: "BOUNCED", permanentFailures: 3 });

    await createPublishedPost({ title: "Later", publishedAt: new Date(Date.now() - 10), authorIds: [author.id] });
    const next = await digestNow();
    expect(next.final).toMatchObject({ audienceSize: 1, sentCount: 1 });
    expect(smtp.messages.map((message) => message.to[0])).toEqual(["gone@example.test"]);
  });
});

describe("concurrency in one process", () => {
  it("two digests started together share one run and send each subscriber exactly one email", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    await createActiveSubscribers(200);
    const [first, second] = await Promise.all([digestNow({ batchSize: 7, concurrency: 3 }), digestNow({ batchSize: 7, concurrency: 3 })]);
    expect(first.run.id).toBe(second.run.id);
    expect(first.sentHere + second.sentHere).toBe(200);
    expect(await db().digestRun.count()).toBe(1);
    const recipients = smtp.messages.map((message) => message.to[0]);
    expect(recipients).toHaveLength(200);
    expect(new Set(recipients).size).toBe(200);
    expect(await db().digestRun.findFirstOrThrow()).toMatchObject({ status: "COMPLETED", sentCount: 200 });
  });

  it("skips a subscriber who unsubscribed between the freeze and their turn", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    const leaving = await createSubscriber("leaving@example.test");
    await createSubscriber("staying@example.test");
    const { startOrResumeDigestRun } = await import("@/features/digest/mutations");
    await startOrResumeDigestRun();
    await db().subscriber.update({ where: { id: leaving.id }, data: { status: "UNSUBSCRIBED" } });
    const outcome = await digestNow();
    expect(outcome.resumed).toBe(true);
    expect(smtp.messages.map((message) => message.to[0])).toEqual(["staying@example.test"]);
    expect(await db().digestDelivery.findFirstOrThrow({ where: { subscriberId: leaving.id } })).toMatchObject({ status: "SKIPPED" });
  });
});

describe("classifying SMTP errors", () => {
  it("retries 4xx and failures before the message was sent; fails 5xx; never retries a connection lost mid-message", async () => {
    const { classifySmtpError } = await import("@/features/digest/sender");
    expect(classifySmtpError({ responseCode: 451, permanent: false })).toBe("transient");
    expect(classifySmtpError({ responseCode: 550, permanent: true })).toBe("permanent");
    expect(classifySmtpError({ responseCode: 554 })).toBe("permanent");
    expect(classifySmtpError({ responseCode: 503 })).toBe("transient");
    expect(classifySmtpError({ code: "ESOCKET", command: "CONN" })).toBe("transient");
    expect(classifySmtpError({ code: "ECONNECTION", command: "RCPT TO" })).toBe("transient");
    expect(classifySmtpError({ code: "ECONNECTION", command: "DATA" })).toBe("uncertain");
    expect(classifySmtpError({ code: "ETIMEDOUT" })).toBe("uncertain");
  });

  it("a mail server that is down costs no attempts: the worker leaves the run RUNNING, its deliveries PENDING, nobody bounced", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    const subscriber = await createSubscriber("waiting@example.test");
    const nextCheck = new Date(Date.now() + 600_000);
    const outcome = await runDigest({ mailServer: mailServer({ smtpUrl: "smtp://127.0.0.1:1" }), retryDelaysMs: [30], nextAttemptWhenUnreachable: () => nextCheck });
    expect(outcome).toMatchObject({ stoppedUnreachable: true, sentHere: 0 });
    expect(outcome.final).toMatchObject({ status: "RUNNING", sentCount: 0, failedCount: 0 });
    expect(await db().digestDelivery.findFirstOrThrow({ where: { subscriberId: subscriber.id } })).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "ACTIVE", permanentFailures: 0 });
  });
});

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("claiming deliveries", () => {
  it("takes only its batch, even when the planner's statistics say nothing is pending (as after a finished run)", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Yesterday", publishedAt: hoursAgo(2), authorIds: [author.id] });
    await createActiveSubscribers(40);
    expect((await digestNow()).final).toMatchObject({ status: "COMPLETED", sentCount: 40 });
    // What autovacuum does at some point after a run: statistics in which no delivery is PENDING.
    await db().$executeRawUnsafe(`ANALYZE "DigestDelivery"`);
    await createPublishedPost({ title: "Today", publishedAt: new Date(), authorIds: [author.id] });
    const { run } = await startOrResumeDigestRun(new Date(Date.now() + 1000));
    expect(run.audienceSize).toBe(40);
    expect(await claimDeliveries(run.id, 4)).toHaveLength(4);
    expect(await db().digestDelivery.count({ where: { runId: run.id, status: "SENDING" } })).toBe(4);
    expect(await claimDeliveries(run.id, 4)).toHaveLength(4);
  });
});

describe("recording results as they happen", () => {
  it("marks a delivery handed over before the server has it, and never more handed over without a result than connections the server has open", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    await createActiveSubscribers(30);
    const atMessage: { handedOver: boolean; unrecorded: number; connections: number }[] = [];
    const watched: TestSmtpServer = await startTestSmtpServer({
      // The server has the whole message and has not answered: the worker cannot know the outcome yet.
      beforeAccept: async (message) => {
        const connections = watched.openConnections();
        const row = await db().digestDelivery.findFirstOrThrow({ where: { subscriber: { email: message.to[0] } } });
        const unrecorded = await db().digestDelivery.count({ where: { status: "SENDING", sentAt: { not: null } } });
        atMessage.push({ handedOver: row.status === "SENDING" && row.sentAt !== null, unrecorded, connections });
      },
    });
    try {
      const outcome = await runDigest({ mailServer: mailServer({ smtpUrl: watched.url }), ratePerSecond: 10_000, concurrency: 3, batchSize: 10 });
      expect(outcome.final).toMatchObject({ status: "COMPLETED", sentCount: 30, uncertainCount: 0 });
    } finally {
      await watched.close();
    }
    expect(atMessage).toHaveLength(30);
    expect(atMessage.every((row) => row.handedOver)).toBe(true);
    // Handed over and not yet answered in the database: what a crash would leave uncertain. Claimed in
    // batches of 10, but each handed over only once it is on one of the three connections: never one
    // waiting in a queue for a connection.
    // (At most the three connections' worth: a connection may close just before its result is written.)
    for (const row of atMessage) expect(row.unrecorded).toBeLessThanOrEqual(3);
    expect(Math.max(...atMessage.map((row) => row.connections))).toBe(3);
    expect(Math.max(...atMessage.map((row) => row.unrecorded))).toBeGreaterThanOrEqual(1);
  });
});

describe("resending uncertain deliveries", () => {
  it("an editor resends them through the action pipeline, audited, with the same Message-ID; the others are not sent again", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    await createActiveSubscribers(5);
    const editor = await createTestUser(`editor-${Date.now()}@docket.test`, "EDITOR", null);
    const unanswered = new Set(["reader2@example.test", "reader4@example.test"]);
    const server = mailServer({ smtpUrl: smtp.url });
    // The server takes these two, and the connection dies before its answer reaches us.
    const answersLost: MailServer = {
      ...server,
      connect: async () => {
        const connection = await server.connect();
        return {
          ...connection,
          send: async (message) => {
            const sent = await connection.send(message);
            if (unanswered.has(message.to)) throw Object.assign(new Error("Connection closed before the reply"), { code: "ECONNECTION", command: "DATA" });
            return sent;
          },
        };
      },
    };
    {
      const first = await runDigest({ mailServer: answersLost, ratePerSecond: 10_000 });
      expect(first.final).toMatchObject({ status: "COMPLETED", sentCount: 3, uncertainCount: 2 });
      const runId = first.run.id;

      const author = await createTestUser(`author-${Date.now()}@docket.test`, "AUTHOR", "Resend Author");
      await expect(runCommand(resendUncertainDigest, author, { runId, confirmed: "on" })).rejects.toBeInstanceOf(AuthorizationError);
      await expect(runCommand(resendUncertainDigest, editor, { runId })).rejects.toBeInstanceOf(InputError);
      expect(await db().digestDelivery.count({ where: { runId, status: "UNCERTAIN" } })).toBe(2);
      const asked = await runCommand(resendUncertainDigest, editor, { runId, confirmed: "on" });
      expect(asked.message).toBe("2 deliveries will be sent again by the worker at its next check, within 10 minutes.");
      expect(await db().digestRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "COMPLETED", uncertainCount: 0, sentCount: 3 });
      expect(await db().auditLog.findFirstOrThrow({ where: { action: "digest.resendUncertain", entityId: runId } })).toMatchObject({
        actorId: editor.id,
        entityType: "DigestRun",
        details: { deliveries: 2, via: "admin" },
      });
      await expect(runCommand(resendUncertainDigest, editor, { runId, confirmed: "on" })).rejects.toBeInstanceOf(UserFacingError);

      const before = smtp.messages.length;
      const resent = await resumeUnfinishedDigest({ mailServer: server, ratePerSecond: 10_000 });
      expect(resent?.sentHere).toBe(2);
      expect(resent?.final).toMatchObject({ status: "COMPLETED", sentCount: 5, uncertainCount: 0 });
      expect(smtp.messages.slice(before).map((message) => message.to[0]).sort()).toEqual([...unanswered].sort());
      for (const address of unanswered) {
        const copies = await Promise.all(smtp.messages.filter((message) => message.to[0] === address).map((message) => simpleParser(message.raw)));
        const subscriber = await db().subscriber.findUniqueOrThrow({ where: { email: address } });
        expect(copies.map((copy) => copy.messageId)).toEqual([digestMessageId(runId, subscriber.id), digestMessageId(runId, subscriber.id)]);
      }
      expect(await resumeUnfinishedDigest({ mailServer: server })).toBeNull();
    }
  });
});

describe("a mail server that cannot be reached", () => {
  it("is reported at once with the next attempt; nothing more is claimed until then, and sending resumes when it answers", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    await createActiveSubscribers(12);
    const port = await closedPort();
    const statuses: MailServerStatus[] = [];
    let chargedWhenReported: Promise<number> | undefined;
    let server: TestSmtpServer | undefined;
    const started = Date.now();
    try {
      const outcome = await runDigest({
        mailServer: mailServer({ smtpUrl: `smtp://127.0.0.1:${port}` }),
        ratePerSecond: 10_000,
        concurrency: 2,
        batchSize: 5,
        retryDelaysMs: [400, 400],
        onMailServer: (status) => {
          statuses.push(status);
          if (chargedWhenReported) return;
          // A Prisma query runs when first awaited: .then starts it now.
          chargedWhenReported = db()
            .digestDelivery.count({ where: { OR: [{ attempts: { gt: 0 } }, { status: { not: "PENDING" } }] } })
            .then((count) => count);
          // The server comes back during the pause.
          void startTestSmtpServer({ port }).then((started) => (server = started));
        },
      });
      expect(outcome.final).toMatchObject({ status: "COMPLETED", sentCount: 12, failedCount: 0 });
    } finally {
      await server?.close();
    }
    expect(statuses[0]).toMatchObject({ reachable: false, server: `127.0.0.1:${port}`, code: "ECONNREFUSED" });
    const first = statuses[0] as Extract<MailServerStatus, { reachable: false }>;
    expect(first.reason).toBe("connection refused: nothing listens on that port");
    expect(first.nextAttemptAt.getTime() - started).toBeGreaterThanOrEqual(400);
    expect(describeMailServerStatus(first, new Date(first.nextAttemptAt.getTime() - 400))).toMatch(
      new RegExp(`^Could not reach the SMTP server 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED: connection refused: nothing listens on that port\\); next attempt at \\d\\d:\\d\\d:\\d\\d (GMT|BST) \\(in 1 s\\)\\.$`),
    );
    // Reported at once: before anything was claimed, so no delivery was tried and none lost an attempt.
    expect(await chargedWhenReported).toBe(0);
    expect(statuses.at(-1)).toEqual({ reachable: true, server: `127.0.0.1:${port}` });
    expect(server?.messages).toHaveLength(12);
  });
});

describe("a mail server that goes away during a run", () => {
  it("stops every send loop at the first connection error, says so, and resumes without anyone losing an attempt", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    await createActiveSubscribers(20);
    const server = mailServer({ smtpUrl: smtp.url });
    // The real server, unreachable after the 6th message until the worker has said so: connections are refused.
    let sent = 0;
    let down = false;
    const refused = () => Object.assign(new Error(`connect ECONNREFUSED ${server.server}`), { code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" });
    const outage: MailServer = {
      ...server,
      connect: async () => {
        if (down) throw refused();
        const connection = await server.connect();
        return {
          ...connection,
          send: async (message) => {
            if (down) throw refused();
            if (++sent === 6) down = true;
            return connection.send(message);
          },
        };
      },
    };
    const statuses: MailServerStatus[] = [];
    const outcome = await runDigest({ mailServer: outage, ratePerSecond: 10_000, concurrency: 3, batchSize: 4, retryDelaysMs: [200, 200],
      onMailServer: (status) => {
        statuses.push(status);
        // Back once the outage has been reported: the worker's next check finds it answering.
        if (!status.reachable) down = false;
      },
    });
    expect(outcome.final).toMatchObject({ status: "COMPLETED", sentCount: 20, failedCount: 0, uncertainCount: 0 });
    expect(statuses[0]).toMatchObject({ reachable: false, server: server.server, code: "ECONNREFUSED" });
    expect(statuses.at(-1)).toEqual({ reachable: true, server: server.server });
    // Said once per check, not once per refused delivery.
    expect(statuses.length).toBeLessThanOrEqual(4);
    expect(await db().digestDelivery.findMany({ select: { attempts: true } })).toEqual(Array.from({ length: 20 }, () => ({ attempts: 1 })));
    expect(smtp.messages).toHaveLength(20);
  });
});
