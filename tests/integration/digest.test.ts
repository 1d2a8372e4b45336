// The digest end to end in one process, into a real SMTP server, read back with mailparser.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createMailTransport } from "@/lib/mail/send";
import { createSignedToken, verifySignedToken } from "@/lib/signed-links";
import { runDigest } from "@/features/digest/sender";
import { progressLine } from "../../scripts/lib/progress";
import { POST as inboundUnsubscribe } from "@/app/api/unsubscribe/mail/route";
import { useTestDatabase } from "../helpers/database";
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
  const transport = createMailTransport({ smtpUrl: smtp.url, ratePerSecond: 10_000 });
  try {
    return await runDigest({ transport, retryDelaysMs: [50, 50], ...options });
  } finally {
    transport.close();
  }
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
    expect(mail.subject).toBe("Docket Test: Why I tweet: the 28th, and 1 more new post");
    const delivery = await db().digestDelivery.findFirstOrThrow({ where: { subscriberId: subscriber.id } });
    expect(delivery).toMatchObject({ status: "SENT", attempts: 1 });
    expect(mail.messageId).toBe(delivery.messageId);

    for (const body of [mail.html as string, mail.text as string]) {
      expect(body).toContain("Why I tweet: the 28th");
      expect(body).toContain("By Prison Pen and Ada Editor");
      expect(body).toContain("The 28th post in the Why I tweet series");
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
    expect(await forged.json()).toEqual({ outcome: "invalid-token" });
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

  it("a mail server that is down leaves deliveries pending for a retry, then failed, and nobody bounced", async () => {
    const author = await createProfile("Sam Author");
    await createPublishedPost({ title: "Fresh", publishedAt: hoursAgo(1), authorIds: [author.id] });
    const subscriber = await createSubscriber("waiting@example.test");
    const transport = createMailTransport({ smtpUrl: "smtp://127.0.0.1:1", ratePerSecond: 1000 });
    const outcome = await runDigest({ transport, retryDelaysMs: [30] });
    transport.close();
    expect(outcome.final).toMatchObject({ status: "COMPLETED", sentCount: 0, failedCount: 1 });
    expect(await db().digestDelivery.findFirstOrThrow({ where: { subscriberId: subscriber.id } })).toMatchObject({ status: "FAILED", attempts: 2 });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "ACTIVE", permanentFailures: 0 });
  });
});
