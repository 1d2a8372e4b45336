// Subscribing, confirming, choosing, leaving: the mutations and the one-click route, with the
// confirmation emails read back from a real SMTP server.
import { simpleParser } from "mailparser";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createSignedToken, verifySignedToken } from "@/lib/signed-links";
import {
  confirmSubscription,
  parseImportAddresses,
  subscribeLimits,
  unsubscribeSubscriber,
  updateSubscriberPreferences,
} from "@/features/subscriptions/mutations";
import { SUBSCRIBE_ACCEPTED_MESSAGE } from "@/features/subscriptions/schema";
import { csvRow } from "@/features/subscriptions/csv";
import { POST as oneClickPost, GET as oneClickGet } from "@/app/api/unsubscribe/route";
import { runCommand } from "@/lib/action";
import { importSubscriberList, removeSubscriberFromList, subscribe } from "@/features/subscriptions/commands";
import type { SessionUser } from "@/lib/auth";
import { workOffQueuedJobs } from "../helpers/job-queue";
import { useTestDatabase } from "../helpers/database";
// The route handlers look the session up through Next's request context, which only a running server
// has; these requests come from mail providers, with no session.
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

import { startTestSmtpServer, type TestSmtpServer } from "./digest-smtp-server";
import { createCategory, createSeries, createSubscriber } from "./digest-fixtures";

let smtp: TestSmtpServer;
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_RATE_PER_SECOND = "1000";
  process.env.SITE_URL = "https://docket.example";
  process.env.MAIL_FROM = "Docket <hello@docket.example>";
  process.env.NEXTAUTH_SECRET = "subscriptions-test-secret-subscriptions-01";
  await useTestDatabase();
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  smtp.messages.length = 0;
  await db().subscriber.deleteMany();
  await db().rateLimitCounter.deleteMany();
});

/** The subscribe form's command through the pipeline, answered as the form shows it. */
async function requestSubscription(input: { email: string; website?: string; ip: string }) {
  try {
    const outcome = await runCommand(subscribe, null, { website: "", ...input });
    return { status: "sent", message: outcome.message, email: "" };
  } catch (error) {
    return { status: "error", message: (error as Error).message, email: input.email };
  }
}

/** The newest mail the worker sent to this address. */
async function lastMailTo(address: string) {
  await workOffQueuedJobs();
  for (let waited = 0; waited < 2000 && !smtp.messages.some((message) => message.to[0] === address); waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const raw = smtp.messages.filter((message) => message.to[0] === address).at(-1);
  if (!raw) throw new Error(`no mail to ${address}`);
  return simpleParser(raw.raw);
}

describe("subscribing", () => {
  it("creates a pending subscriber and emails a signed confirmation link valid for 7 days", async () => {
    const state = await requestSubscription({ email: "  New.Reader@Example.TEST ", ip: freshIp() });
    expect(state).toEqual({ status: "sent", message: SUBSCRIBE_ACCEPTED_MESSAGE, email: "" });
    const subscriber = await db().subscriber.findUniqueOrThrow({ where: { email: "new.reader@example.test" } });
    expect(subscriber.status).toBe("PENDING");

    const mail = await lastMailTo("new.reader@example.test");
    expect(mail.subject).toMatch(/Confirm your subscription/);
    expect(mail.html).toBeTruthy();
    const link = (mail.text as string).match(/https:\/\/docket\.example\/subscription\/confirm\?token=(\S+)/);
    expect(link).not.toBeNull();
    expect(mail.html).toContain(link?.[0]);
    const token = link?.[1] as string;
    expect(verifySignedToken(token, "confirm")).toEqual({ ok: true, subject: subscriber.id });
    expect(verifySignedToken(token, "confirm", new Date(Date.now() + 6.9 * 86400_000)).ok).toBe(true);
    expect(verifySignedToken(token, "confirm", new Date(Date.now() + 7.1 * 86400_000))).toEqual({ ok: false, reason: "expired" });
    expect(verifySignedToken(token, "preferences")).toEqual({ ok: false, reason: "invalid" });
    expect(verifySignedToken(token.replace(/.$/, (c) => (c === "A" ? "B" : "A")), "confirm")).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers exactly the same for new, pending and active addresses and for the honeypot", async () => {
    await createSubscriber("active@example.test", { status: "ACTIVE" });
    await createSubscriber("pending@example.test", { status: "PENDING" });
    const answers = [
      await requestSubscription({ email: "brand-new@example.test", ip: freshIp() }),
      await requestSubscription({ email: "pending@example.test", ip: freshIp() }),
      await requestSubscription({ email: "active@example.test", ip: freshIp() }),
      await requestSubscription({ email: "bot@example.test", website: "http://spam.example", ip: freshIp() }),
    ];
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // The honeypot created nothing and sent nothing.
    expect(await db().subscriber.findUnique({ where: { email: "bot@example.test" } })).toBeNull();
    // The active subscriber was told by email, and nothing about them changed.
    expect((await lastMailTo("active@example.test")).subject).toMatch(/already subscribed/);
    expect(await db().subscriber.findUniqueOrThrow({ where: { email: "active@example.test" } })).toMatchObject({ status: "ACTIVE" });
    expect((await lastMailTo("pending@example.test")).subject).toMatch(/Confirm/);
    expect(smtp.messages.map((message) => message.to[0])).not.toContain("bot@example.test");
  });

  it("rejects a bad address with a clear message and keeps what was typed", async () => {
    const state = await requestSubscription({ email: "not-an-address", ip: freshIp() });
    expect(state).toMatchObject({ status: "error", message: "Enter a valid email address, like name@example.org." });
    expect((await requestSubscription({ email: "", ip: freshIp() })).message).toBe("Enter your email address.");
    expect(await db().subscriber.count()).toBe(0);
  });

  it("rate-limits one address silently (same answer, no more mail) and one IP openly", async () => {
    for (let attempt = 0; attempt < subscribeLimits.perEmail.limit + 2; attempt++) {
      const state = await requestSubscription({ email: "hammered@example.test", ip: freshIp() });
      expect(state.status).toBe("sent");
    }
    await lastMailTo("hammered@example.test");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages.filter((message) => message.to[0] === "hammered@example.test")).toHaveLength(subscribeLimits.perEmail.limit);

    const ip = freshIp();
    for (let attempt = 0; attempt < subscribeLimits.perIp.limit; attempt++) {
      expect((await requestSubscription({ email: `ip${attempt}@example.test`, ip })).status).toBe("sent");
    }
    const blocked = await requestSubscription({ email: "one-more@example.test", ip });
    expect(blocked.status).toBe("error");
    expect(blocked.message).toMatch(/Too many subscription requests from your network\. Please try again in (a minute|\d+ minutes)\./);
    expect(blocked.email).toBe("one-more@example.test");
    const stored = await db().rateLimitCounter.findMany();
    expect(JSON.stringify(stored)).not.toMatch(/hammered|203\.0\.113/);
  });

  it("lets an unsubscribed address come back through double opt-in again", async () => {
    const left = await createSubscriber("back@example.test", { status: "UNSUBSCRIBED" });
    await requestSubscription({ email: "back@example.test", ip: freshIp() });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: left.id } })).toMatchObject({ status: "PENDING" });
    expect(await confirmSubscription(left.id)).toBe("confirmed");
  });
});

describe("confirming and choosing", () => {
  it("activates a pending subscriber once; an old link does not revive an unsubscribed one", async () => {
    const pending = await createSubscriber("p@example.test", { status: "PENDING" });
    expect(await confirmSubscription(pending.id)).toBe("confirmed");
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "ACTIVE" });
    expect(await confirmSubscription(pending.id)).toBe("already-active");
    await unsubscribeSubscriber(pending.id);
    expect(await confirmSubscription(pending.id)).toBe("not-pending");
    expect(await confirmSubscription("nobody")).toBe("missing");
  });

  it("stores all posts, chosen series and categories (ignoring unknown ids), pause and unsubscribe", async () => {
    const subscriber = await createSubscriber("c@example.test");
    const series = await createSeries("On Probation");
    const category = await createCategory("Prisons");
    await updateSubscriberPreferences(subscriber.id, { choice: "some", seriesIds: [series.id, "bogus"], categoryIds: [category.id] });
    const chosen = await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id }, include: { series: true, categories: true } });
    expect(chosen.allPosts).toBe(false);
    expect(chosen.series.map((entry) => entry.seriesId)).toEqual([series.id]);
    expect(chosen.categories.map((entry) => entry.categoryId)).toEqual([category.id]);

    await updateSubscriberPreferences(subscriber.id, { choice: "pause" });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "PAUSED" });
    await updateSubscriberPreferences(subscriber.id, { choice: "all" });
    const all = await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id }, include: { series: true } });
    expect(all).toMatchObject({ status: "ACTIVE", allPosts: true });
    expect(all.series).toHaveLength(0);
    await updateSubscriberPreferences(subscriber.id, { choice: "unsubscribe" });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "UNSUBSCRIBED" });
    expect(await updateSubscriberPreferences(subscriber.id, { choice: "all" })).toEqual({ ok: false, reason: "inactive" });
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("unsubscribes on a cookieless POST with the signed token and refuses a forged one", async () => {
    const subscriber = await createSubscriber("one-click@example.test");
    const url = `https://docket.example/api/unsubscribe?token=${createSignedToken("unsubscribe", subscriber.id)}`;
    const forged = await oneClickPost(
      new NextRequest(`https://docket.example/api/unsubscribe?token=${createSignedToken("preferences", subscriber.id)}`, { method: "POST", body: "List-Unsubscribe=One-Click" }),
    );
    expect(forged.status).toBe(400);
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "ACTIVE" });

    const response = await oneClickPost(
      new NextRequest(url, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } }),
    );
    expect(response.status).toBe(200);
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "UNSUBSCRIBED" });
    expect((await oneClickPost(new NextRequest(url, { method: "POST", body: "List-Unsubscribe=One-Click" }))).status).toBe(200);
  });

  it("a GET (a person or a link scanner) changes nothing and leads to the confirmation page", async () => {
    const subscriber = await createSubscriber("scanner@example.test");
    const token = createSignedToken("unsubscribe", subscriber.id);
    const response = await oneClickGet(new NextRequest(`https://docket.example/api/unsubscribe?token=${token}`));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`https://docket.example/subscription/unsubscribe?token=${token}`);
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ status: "ACTIVE" });
  });
});

describe("editors' import and removal", () => {
  const editor: SessionUser = { id: "", email: "editor@docket.example", role: "EDITOR", profileId: null, displayName: null, profileComplete: false };

  beforeAll(async () => {
    const user = await db().user.create({ data: { email: `editor-${Date.now()}@docket.example`, role: "EDITOR" } });
    editor.id = user.id;
    editor.email = user.email;
  });

  it("reads the email column (or the first), merges duplicates, lists invalid rows with line numbers", () => {
    const parsed = parseImportAddresses('name,E-mail\r\n"Doe, Jane",Jane@Example.test\nBob,bob@example.test\nAgain,jane@example.test\nBad,not-an-email\n,\n');
    expect(parsed.emails).toEqual(["jane@example.test", "bob@example.test"]);
    expect(parsed.duplicatesInFile).toBe(1);
    expect(parsed.invalid).toEqual([{ line: 5, value: "not-an-email" }]);
    expect(parseImportAddresses("a@example.test\nb@example.test").emails).toEqual(["a@example.test", "b@example.test"]);
  });

  it("leaves existing subscribers alone; new ones are pending and get a confirmation email unless consent is attested", async () => {
    const existing = await createSubscriber("known@example.test", { status: "UNSUBSCRIBED" });
    const confirmRun = (await runCommand(importSubscriberList, editor, { csv: "known@example.test\nfresh@example.test", consent: "confirm" })).data;
    expect(confirmRun).toMatchObject({ added: 1, alreadyPresent: 1, confirmationsSent: 1 });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ status: "UNSUBSCRIBED" });
    expect(await db().subscriber.findUniqueOrThrow({ where: { email: "fresh@example.test" } })).toMatchObject({ status: "PENDING", confirmedAt: null });
    expect((await lastMailTo("fresh@example.test")).subject).toMatch(/Confirm your subscription/);

    const attested = (await runCommand(importSubscriberList, editor, { csv: "consented@example.test", consent: "attested", consentNote: "Signed up on paper at the 2026 conference" })).data;
    expect(attested).toMatchObject({ added: 1, alreadyPresent: 0, confirmationsSent: 0 });
    const row = await db().subscriber.findUniqueOrThrow({ where: { email: "consented@example.test" } });
    expect(row.status).toBe("ACTIVE");
    expect(row.consentNote).toMatch(/^Imported by editor-\d+@docket\.example on \d{4}-\d{2}-\d{2}: Signed up on paper/);
    expect(smtp.messages.map((message) => message.to[0])).not.toContain("consented@example.test");
    expect(await db().auditLog.count({ where: { action: "subscribers.import", actorId: editor.id } })).toBe(2);
  });

  it("removes a subscriber with their deliveries and records who did it, without the address", async () => {
    const subscriber = await createSubscriber("remove-me@example.test");
    await runCommand(removeSubscriberFromList, editor, { subscriberId: subscriber.id });
    expect(await db().subscriber.findUnique({ where: { id: subscriber.id } })).toBeNull();
    await expect(runCommand(removeSubscriberFromList, editor, { subscriberId: subscriber.id })).rejects.toThrow("That subscriber was already removed.");
    expect(await db().auditLog.count({ where: { action: "subscriber.remove", entityId: subscriber.id } })).toBe(1);
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "subscriber.remove", entityId: subscriber.id } });
    expect(entry.actorId).toBe(editor.id);
    expect(JSON.stringify(entry)).not.toContain("remove-me@example.test");
  });

  it("exports cells a spreadsheet would run as formulas with an apostrophe", () => {
    expect(csvRow(["=HYPERLINK(\"x\")", "a,b", "plain", null])).toBe(`"'=HYPERLINK(""x"")","a,b",plain,\r\n`);
  });
});
