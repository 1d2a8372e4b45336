import "server-only";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/queue";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit";
import { getSiteSettings } from "@/features/site/data";
import { alreadySubscribedEmail, confirmationEmail } from "./emails";
import { parseCsv } from "./csv";
import { emailAddress } from "@/lib/form-fields";

export const subscribeLimits = {
  /** Confirmation emails one address can trigger. Over it, the answer is unchanged but nothing is sent. */
  perEmail: { limit: 3, windowSeconds: 60 * 60 } satisfies RateLimitRule,
  /** Subscribe attempts from one IP address. */
  perIp: { limit: 10, windowSeconds: 10 * 60 } satisfies RateLimitRule,
};

function minutesText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
}

/**
 * The subscribe form's whole job, for a parsed address. Nothing it does tells who is subscribed: a new,
 * pending or active address, a honeypot hit and a per-address rate limit all end the same way; only a
 * per-IP limit is refused (429), openly.
 */
export async function requestSubscription(request: { email: string; website: string; ip: string | null }): Promise<void> {
  if (request.ip) {
    const byIp = await consumeRateLimit(`subscribe:ip:${request.ip}`, subscribeLimits.perIp);
    if (!byIp.allowed) throw new UserFacingError(`Too many subscription requests from your network. Please try again in ${minutesText(byIp.retryAfterSeconds)}.`, 429);
  }
  if (request.website.trim() !== "") return;
  const byEmail = await consumeRateLimit(`subscribe:email:${request.email}`, subscribeLimits.perEmail);
  if (!byEmail.allowed) return;

  const subscriber = await recordSubscriptionRequest(request.email);
  const isSubscribed = subscriber.status === "ACTIVE" || subscriber.status === "PAUSED";
  const siteName = (await getSiteSettings()).name;
  // Every accepted address gets an email, so this says nothing about who is subscribed.
  await queueMail(isSubscribed ? alreadySubscribedEmail(subscriber.email, subscriber.id, siteName) : confirmationEmail(subscriber.email, subscriber.id, siteName));
}

/** New addresses start PENDING; unsubscribed or bounced ones go back to PENDING; subscribed ones are left alone. */
async function recordSubscriptionRequest(email: string) {
  const subscriber = await db().subscriber.upsert({
    where: { email },
    create: { email, status: "PENDING" },
    update: {},
    select: { id: true, email: true, status: true },
  });
  if (subscriber.status === "UNSUBSCRIBED" || subscriber.status === "BOUNCED") {
    return db().subscriber.update({
      where: { id: subscriber.id },
      data: { status: "PENDING" },
      select: { id: true, email: true, status: true },
    });
  }
  return subscriber;
}

export type ConfirmOutcome = "confirmed" | "already-active" | "not-pending" | "missing";

/** Double opt-in: a PENDING subscriber becomes ACTIVE. Nothing else is ever reactivated by an old link. */
export async function confirmSubscription(subscriberId: string, now = new Date()): Promise<ConfirmOutcome> {
  const updated = await db().subscriber.updateMany({
    where: { id: subscriberId, status: "PENDING" },
    data: { status: "ACTIVE", confirmedAt: now, unsubscribedAt: null, permanentFailures: 0 },
  });
  if (updated.count === 1) return "confirmed";
  const subscriber = await db().subscriber.findUnique({ where: { id: subscriberId }, select: { status: true } });
  if (!subscriber) return "missing";
  return subscriber.status === "ACTIVE" || subscriber.status === "PAUSED" ? "already-active" : "not-pending";
}

export type PreferencesChange =
  | { choice: "all" }
  | { choice: "some"; seriesIds: string[]; categoryIds: string[] }
  | { choice: "pause" }
  | { choice: "unsubscribe" };

/** Applies a subscriber's choice. Only confirmed subscribers (active or paused) can change what they receive. */
export async function updateSubscriberPreferences(subscriberId: string, change: PreferencesChange, now = new Date()) {
  const subscriber = await db().subscriber.findUnique({ where: { id: subscriberId }, select: { status: true } });
  if (!subscriber) return { ok: false as const, reason: "missing" as const };
  if (change.choice === "unsubscribe") {
    await unsubscribeSubscriber(subscriberId, now);
    return { ok: true as const };
  }
  if (subscriber.status !== "ACTIVE" && subscriber.status !== "PAUSED") return { ok: false as const, reason: "inactive" as const };
  if (change.choice === "pause") {
    await db().subscriber.update({ where: { id: subscriberId }, data: { status: "PAUSED" } });
    return { ok: true as const };
  }
  const seriesIds = change.choice === "some" ? await existingIds("series", change.seriesIds) : [];
  const categoryIds = change.choice === "some" ? await existingIds("category", change.categoryIds) : [];
  await db().$transaction([
    db().subscriberSeries.deleteMany({ where: { subscriberId } }),
    db().subscriberCategory.deleteMany({ where: { subscriberId } }),
    db().subscriber.update({ where: { id: subscriberId }, data: { status: "ACTIVE", allPosts: change.choice === "all" } }),
    db().subscriberSeries.createMany({ data: seriesIds.map((seriesId) => ({ subscriberId, seriesId })) }),
    db().subscriberCategory.createMany({ data: categoryIds.map((categoryId) => ({ subscriberId, categoryId })) }),
  ]);
  return { ok: true as const };
}

async function existingIds(kind: "series" | "category", ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const where = { id: { in: [...new Set(ids)] } };
  const rows = kind === "series" ? await db().series.findMany({ where, select: { id: true } }) : await db().category.findMany({ where, select: { id: true } });
  return rows.map((row) => row.id);
}

/** Idempotent: unsubscribing twice is fine, and an unknown id is ignored (links must not reveal anything). */
export async function unsubscribeSubscriber(subscriberId: string, now = new Date()): Promise<boolean> {
  const updated = await db().subscriber.updateMany({
    where: { id: subscriberId, status: { not: "UNSUBSCRIBED" } },
    data: { status: "UNSUBSCRIBED", unsubscribedAt: now },
  });
  return updated.count === 1;
}

// ---------- editors ----------

export type ParsedImport = { emails: string[]; invalid: { line: number; value: string }[]; duplicatesInFile: number };

/** Addresses from a CSV: the "email" column when there is a header naming it, otherwise the first column. */
export function parseImportAddresses(csv: string): ParsedImport {
  const rows = parseCsv(csv);
  const headerIndex = rows[0]?.findIndex((cell) => /^e-?mail( address)?$/i.test(cell.trim())) ?? -1;
  const column = headerIndex >= 0 ? headerIndex : 0;
  const firstDataRow = headerIndex >= 0 ? 1 : 0;
  const seen = new Set<string>();
  const invalid: { line: number; value: string }[] = [];
  let duplicatesInFile = 0;
  rows.slice(firstDataRow).forEach((cells, index) => {
    const value = (cells[column] ?? "").trim();
    const parsed = emailAddress.safeParse(value);
    if (!parsed.success) {
      invalid.push({ line: index + firstDataRow + 1, value: value.slice(0, 80) });
      return;
    }
    if (seen.has(parsed.data)) duplicatesInFile += 1;
    seen.add(parsed.data);
  });
  return { emails: [...seen], invalid, duplicatesInFile };
}

/**
 * Adds the addresses that are new; existing subscribers are left exactly as they are. Without the
 * editor's attestation of consent, new addresses are PENDING and receive the confirmation email.
 */
export async function importSubscribers(input: {
  emails: string[];
  consent: "attested" | "confirm";
  consentNote: string;
  actor: { id: string; email: string };
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const existing = await db().subscriber.findMany({ where: { email: { in: input.emails } }, select: { email: true } });
  const existingSet = new Set(existing.map((row) => row.email));
  const fresh = input.emails.filter((email) => !existingSet.has(email));
  const attested = input.consent === "attested";
  const consentNote = attested ? `Imported by ${input.actor.email} on ${now.toISOString().slice(0, 10)}: ${input.consentNote}` : null;
  await db().subscriber.createMany({
    data: fresh.map((email) => ({
      email,
      status: attested ? ("ACTIVE" as const) : ("PENDING" as const),
      confirmedAt: attested ? now : null,
      consentNote,
    })),
    skipDuplicates: true,
  });
  let confirmationsSent = 0;
  if (!attested) {
    const created = await db().subscriber.findMany({ where: { email: { in: fresh }, status: "PENDING" }, select: { id: true, email: true } });
    const siteName = (await getSiteSettings()).name;
    for (const subscriber of created) {
      await queueMail(confirmationEmail(subscriber.email, subscriber.id, siteName));
      confirmationsSent += 1;
    }
  }
  return { added: fresh.length, alreadyPresent: existingSet.size, confirmationsSent };
}

/** Deletes the subscriber and their delivery history. */
export async function removeSubscriber(subscriberId: string): Promise<boolean> {
  const removed = await db().subscriber.deleteMany({ where: { id: subscriberId } });
  return removed.count > 0;
}
