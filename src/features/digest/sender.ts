// The nightly digest. Any number of these may run at once (cron, `npm run digest -- --now`, a restart
// after a crash): they share the one open run and claim deliveries with SKIP LOCKED, so each
// subscriber's digest is handed to SMTP at most once, and a restart finishes what a crash left. Each
// send loop has an SMTP connection of its own, open before it is handed anything, and one message on it
// at a time: a delivery is recorded as handed over just before its message goes onto that live
// transaction, in the same statement that records the previous message's result. So a crash leaves at
// most one delivery per connection whose fate is unknown (UNCERTAIN); an editor may resend those
// (./resend.ts).
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { env } from "@/lib/env";
import { formatLondonClock } from "@/lib/london-time";
import { mailServer, type MailConnection, type MailServer } from "@/lib/mail/send";
import { createDigestBodyCache, digestMessageId, matchingPosts, personalizeDigest, type DigestCorrection, type DigestPost } from "./content";
import { findDigestRun, findRunningDigestRun, findRunWithReopenedDeliveries, listCorrectionsOwedTo, loadDigestPosts } from "./data";
import { listCorrectionsPublishedBetween, toPublicCorrection } from "@/features/posts/corrections/data";
import { getSiteSettings } from "@/features/site/data";
import {
  claimDeliveries,
  completeDigestRun,
  deferDelivery,
  failDeliveryPermanently,
  failDeliveryTransiently,
  handOverDeliveries,
  markDeliverySent,
  markDeliverySkipped,
  markDeliveryUncertain,
  readRunProgress,
  recountDigestRun,
  releaseDeliveries,
  resolveStaleSendingDeliveries,
  startOrResumeDigestRun,
  type ClaimedDelivery,
} from "./mutations";
import type { DigestRun } from "@/generated/prisma/client";

export type DigestProgress = { runId: string; total: number; done: number; sent: number; failed: number; uncertain: number; skipped: number };

export type MailServerStatus =
  | { reachable: false; server: string; code: string; reason: string; nextAttemptAt: Date }
  | { reachable: true; server: string };

export type RunDigestOptions = {
  now?: Date;
  /** Where the messages go, each send loop on a connection of its own: SMTP_URL, or the outbox folder without it. */
  mailServer?: MailServer;
  /** Send loops, each with a connection of its own (default 5 with SMTP, 2 for the outbox). */
  concurrency?: number;
  /** Messages per second, all loops together (default SMTP_RATE_PER_SECOND). */
  ratePerSecond?: number;
  /** Deliveries claimed per statement (a crash leaves unsent claims PENDING again, not UNCERTAIN). */
  batchSize?: number;
  /** A SENDING delivery older than this belonged to a dead worker. */
  staleAfterMs?: number;
  /**
   * Wait before retry n (1-based) after a transient (4xx) failure; past the last, the delivery fails.
   * Also the waits between checks of a mail server that cannot be reached (the last one repeats).
   */
  retryDelaysMs?: number[];
  /**
   * With the mail server unreachable: return at once, leaving the run RUNNING, and name this as the
   * next attempt (the worker's resume sweep). Without it, wait and check again per `retryDelaysMs`.
   */
  nextAttemptWhenUnreachable?: (now: Date) => Date;
  /** Told at once when the mail server cannot be reached, and when it answers again. */
  onMailServer?: (status: MailServerStatus) => void;
  onProgress?: (progress: DigestProgress) => void;
};

export type DigestOutcome = {
  run: DigestRun;
  resumed: boolean;
  /** Deliveries this call handed to SMTP and saw accepted. */
  sentHere: number;
  /** The mail server could not be reached and `nextAttemptWhenUnreachable` was given: the run is left RUNNING. */
  stoppedUnreachable?: boolean;
  final: DigestRun | null;
};

export const DEFAULT_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000];

type ErrorKind = "transient" | "permanent" | "uncertain";
type SmtpError = { code?: string; command?: string; responseCode?: number; permanent?: boolean; message?: string };

const BEFORE_MESSAGE_COMMANDS = new Set(["CONN", "GREETING", "EHLO", "HELO", "LHLO", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "AUTH XOAUTH2", "AUTH CRAM-MD5", "MAIL FROM", "RCPT TO"]);

/** 5xx: the server refused for good. 4xx or no connection: try later. Lost mid-message: unknown. */
export function classifySmtpError(error: unknown): ErrorKind {
  const smtp = (error ?? {}) as SmtpError;
  if (typeof smtp.responseCode === "number") {
    if (smtp.permanent === true || (smtp.permanent === undefined && smtp.responseCode >= 500 && smtp.responseCode !== 503)) return "permanent";
    return "transient";
  }
  // No reply: safe to retry only when the connection failed before the message was on its way.
  const command = (smtp.command ?? "").toUpperCase();
  return BEFORE_MESSAGE_COMMANDS.has(command) || smtp.code === "EAUTH" ? "transient" : "uncertain";
}

function describeError(error: unknown): string {
  const smtp = (error ?? {}) as SmtpError;
  return (smtp.message ?? String(error)).slice(0, 500);
}

type ConnectionError = { code?: string; originalCode?: string; command?: string; responseCode?: number };

const CONNECTION_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused: nothing listens on that port",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be looked up",
  ETIMEDOUT: "no answer in time",
  ECONNRESET: "the connection was reset",
  EHOSTUNREACH: "no route to the host",
  ENETUNREACH: "the network is unreachable",
  EAUTH: "the server refused the login",
  ETLS: "the TLS handshake failed",
};

/** The server could not be reached or logged in to: nothing of a message left the machine. */
export function isMailServerUnreachable(error: unknown): boolean {
  const smtp = (error ?? {}) as ConnectionError;
  if (smtp.code === "EAUTH" || smtp.code === "EDNS") return true;
  return typeof smtp.responseCode !== "number" && ["CONN", "GREETING"].includes((smtp.command ?? "").toUpperCase());
}

function unreachableStatus(server: string, error: unknown, nextAttemptAt: Date): MailServerStatus {
  const smtp = (error ?? {}) as ConnectionError;
  const code = smtp.originalCode ?? (smtp.code === "EDNS" ? "ENOTFOUND" : smtp.code) ?? "ERROR";
  return { reachable: false, server, code, reason: CONNECTION_REASONS[code] ?? describeError(error), nextAttemptAt };
}

function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** One line for the terminal and the worker's log; the server is named by host and port only. */
export function describeMailServerStatus(status: MailServerStatus, now = new Date()): string {
  if (status.reachable) return `The SMTP server ${status.server} answers again: sending.`;
  return (
    `Could not reach the SMTP server ${status.server} (${status.code}: ${status.reason}); ` +
    `next attempt at ${formatLondonClock(status.nextAttemptAt)} (in ${waitInWords(status.nextAttemptAt.getTime() - now.getTime())}).`
  );
}

/** At most `perSecond` sends in each second, shared by every loop (as nodemailer's rateLimit counts them). */
function rateLimiter(perSecond: number): () => Promise<void> {
  let windowStart = 0;
  let used = 0;
  let turn = Promise.resolve();
  return () =>
    (turn = turn.then(async () => {
      if (Date.now() - windowStart >= 1000) [windowStart, used] = [Date.now(), 0];
      if (used >= perSecond) {
        await sleep(windowStart + 1000 - Date.now());
        [windowStart, used] = [Date.now(), 0];
      }
      used += 1;
    }));
}

/** A message the server took, its result not yet written: it is written with the next handover. */
type Accepted = { id: string; messageId: string };

/**
 * Every loop's handovers (and the results they carry) in as few statements as possible: a request
 * waiting while a statement runs goes in the next one, so an idle writer adds no delay and a busy one
 * writes for several loops at once.
 */
function handoverWriter() {
  type Request = { accepted: Accepted | null; id: string; done: (handed: boolean) => void; failed: (error: unknown) => void };
  let waiting: Request[] = [];
  let writing = false;
  const flush = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const handed = await handOverDeliveries(
          batch.flatMap((request) => (request.accepted ? [request.accepted] : [])),
          batch.map((request) => request.id),
        );
        for (const request of batch) request.done(handed.has(request.id));
      } catch (error) {
        for (const request of batch) request.failed(error);
      }
    }
    writing = false;
  };
  return (id: string, accepted: Accepted | null) =>
    new Promise<boolean>((done, failed) => {
      waiting.push({ accepted, id, done, failed });
      if (!writing) void flush();
    });
}

class DigestSender {
  private readonly bodyFor: ReturnType<typeof createDigestBodyCache>;
  sentHere = 0;
  /** The first connection failure of this round: every loop stops claiming and releases what it holds. */
  unreachable: unknown = null;

  constructor(
    siteName: string,
    private readonly run: DigestRun,
    private readonly posts: DigestPost[],
    private readonly corrected: CorrectedSinceSent,
    private readonly connect: () => Promise<MailConnection>,
    private readonly takeTurn: () => Promise<void>,
    private readonly retryDelaysMs: number[],
    private readonly handOver = handoverWriter(),
  ) {
    this.bodyFor = createDigestBodyCache(siteName);
  }

  /** One connection's loop: claims and sends until nothing is due or the server cannot be reached. */
  async loop(batchSize: number, afterMessage: () => void): Promise<void> {
    let connection: MailConnection | null = null;
    let accepted: Accepted | null = null;
    try {
      for (;;) {
        if (this.unreachable) return;
        const batch = await claimDeliveries(this.run.id, batchSize);
        if (batch.length === 0) return;
        for (const [index, delivery] of batch.entries()) {
          if (connection && !connection.isOpen()) {
            // The server closed it while it was idle: a new one, before anything is handed over.
            connection.close();
            connection = null;
          }
          if (!this.unreachable && !connection) connection = await this.open();
          if (this.unreachable || !connection) {
            await releaseDeliveries(batch.slice(index).map((claimed) => claimed.id));
            return;
          }
          const outcome = await this.deliver(delivery, connection, accepted);
          if (outcome !== "skipped") accepted = null; // written with the handover
          if (typeof outcome === "object") accepted = outcome;
          if (outcome === "connection lost") {
            connection.close();
            connection = null;
          }
          afterMessage();
        }
      }
    } finally {
      if (accepted) await markDeliverySent(accepted.id, accepted.messageId);
      connection?.close();
    }
  }

  private async open(): Promise<MailConnection | null> {
    try {
      return await this.connect();
    } catch (error) {
      this.unreachable ??= error;
      return null;
    }
  }

  /**
   * Sends one delivery on the loop's connection. Returns the accepted message (its result written with
   * the next handover), "skipped", or "connection lost": a failure (recorded, or released), or a
   * delivery another worker holds now; either way the next message starts on a fresh connection.
   */
  private async deliver(delivery: ClaimedDelivery, connection: MailConnection, accepted: Accepted | null): Promise<Accepted | "skipped" | "connection lost"> {
    if (delivery.status !== "ACTIVE") {
      await markDeliverySkipped(delivery.id, `Not sent: the subscriber became ${delivery.status.toLowerCase()} during the run.`);
      return "skipped";
    }
    const posts = matchingPosts(this.posts, delivery);
    if (posts.length === 0) {
      await markDeliverySkipped(delivery.id, "Not sent: none of this run's posts match the subscriber's current choices.");
      return "skipped";
    }
    const messageId = digestMessageId(this.run.id, delivery.subscriberId);
    const corrections = await this.correctionsFor(delivery);
    const message = personalizeDigest(this.bodyFor(posts, corrections), { id: delivery.subscriberId, email: delivery.email }, messageId);
    await this.takeTurn();
    // The handover is written while the transaction's envelope is exchanged: the message's last line,
    // from which the server may deliver it, waits for the write. Not ours any more (a sweep took it as
    // stale): the transaction is abandoned, and the worker holding it now decides.
    const handedOver = this.handOver(delivery.id, accepted);
    const finishWhen = handedOver.then((ours) => {
      if (!ours) throw new Error("This delivery is another worker's now.");
    });
    finishWhen.catch(() => {}); // answered below, through handedOver
    try {
      await connection.send(message, { finishWhen });
    } catch (error) {
      if (!(await handedOver)) return "connection lost";
      if (isMailServerUnreachable(error)) {
        // Refused before the message began: nothing left the machine.
        this.unreachable ??= error;
        await releaseDeliveries([delivery.id]);
      } else {
        await this.recordFailure(delivery, error);
      }
      // Whatever the server made of the failed transaction, the next message starts on a fresh connection.
      return "connection lost";
    }
    this.sentHere += 1;
    return { id: delivery.id, messageId };
  }

  /** "Corrected since we sent it": corrections of posts an earlier digest sent this subscriber, that still match their choices. */
  private async correctionsFor(delivery: ClaimedDelivery): Promise<DigestCorrection[]> {
    if (this.corrected.corrections.length === 0) return [];
    const owed = await listCorrectionsOwedTo(delivery.subscriberId, this.corrected.corrections.map((entry) => entry.id), this.run.id);
    const stillChosen = new Set(matchingPosts(this.corrected.posts, delivery).map((post) => post.id));
    return this.corrected.corrections.filter((entry) => owed.has(entry.id) && stillChosen.has(entry.postId));
  }

  private async recordFailure(delivery: ClaimedDelivery, error: unknown): Promise<void> {
    const kind = classifySmtpError(error);
    const text = describeError(error);
    if (kind === "permanent") return failDeliveryPermanently(delivery.id, delivery.subscriberId, text);
    if (kind === "uncertain") return markDeliveryUncertain(delivery.id, text);
    const delay = this.retryDelaysMs[delivery.attempts - 1];
    if (delay === undefined) return failDeliveryTransiently(delivery.id, `Gave up after ${delivery.attempts} attempts: ${text}`);
    await deferDelivery(delivery.id, text, new Date(Date.now() + delay));
  }
}

async function reportProgress(runId: string, total: number, onProgress?: (progress: DigestProgress) => void) {
  if (!onProgress) return;
  const { counts } = await readRunProgress(runId);
  const sent = counts.SENT ?? 0;
  const failed = counts.FAILED ?? 0;
  const uncertain = counts.UNCERTAIN ?? 0;
  const skipped = counts.SKIPPED ?? 0;
  onProgress({ runId, total, sent, failed, uncertain, skipped, done: sent + failed + uncertain + skipped });
}

/**
 * Returns once the server answers (a connection opens, and logs in). Each failure is reported at once
 * with the next attempt; with `nextAttemptWhenUnreachable` the first failure returns false instead of waiting.
 */
async function waitForMailServer(mail: MailServer, options: RunDigestOptions, failure: unknown = null): Promise<boolean> {
  const delays = options.retryDelaysMs?.length ? options.retryDelaysMs : DEFAULT_RETRY_DELAYS_MS;
  let failures = 0;
  for (;;) {
    if (failure === null) {
      try {
        (await mail.connect()).close();
        if (failures > 0) options.onMailServer?.({ reachable: true, server: mail.server });
        return true;
      } catch (error) {
        failure = error;
      }
    }
    const now = new Date();
    const giveUpUntil = options.nextAttemptWhenUnreachable?.(now);
    const nextAttemptAt = giveUpUntil ?? new Date(now.getTime() + delays[Math.min(failures, delays.length - 1)]);
    options.onMailServer?.(unreachableStatus(mail.server, failure, nextAttemptAt));
    if (giveUpUntil) return false;
    failures += 1;
    failure = null;
    await sleep(Math.max(0, nextAttemptAt.getTime() - Date.now()));
  }
}

/** Works on one run until none of its deliveries is due, sending or waiting for a retry. */
type CorrectedSinceSent = { corrections: (DigestCorrection & { postId: string })[]; posts: DigestPost[] };

/** How far back a digest looks for corrections a subscriber has not been told of (one who paused for longer misses older ones). */
const CORRECTIONS_LOOKBACK_MS = 90 * 24 * 3600_000;

/** The corrections that went public before the run's window closed (within the lookback), and their posts as the digest shows them. */
async function correctedDuring(run: DigestRun): Promise<CorrectedSinceSent> {
  const rows = await listCorrectionsPublishedBetween(new Date(run.windowEnd.getTime() - CORRECTIONS_LOOKBACK_MS), run.windowEnd);
  if (rows.length === 0) return { corrections: [], posts: [] };
  const posts = await loadDigestPosts([...new Set(rows.map((row) => row.postId))]);
  const byId = new Map(posts.map((post) => [post.id, post]));
  const corrections = rows.flatMap((row) => {
    const post = byId.get(row.postId);
    return post ? [{ ...toPublicCorrection(row), postId: row.postId, post: { slug: post.slug, title: post.title } }] : [];
  });
  return { corrections, posts };
}

async function sendRunDeliveries(run: DigestRun, options: RunDigestOptions): Promise<{ sentHere: number; stoppedUnreachable: boolean }> {
  const mail = options.mailServer ?? mailServer();
  const concurrency = options.concurrency ?? (mail.kind === "smtp" ? 5 : 2);
  const batchSize = options.batchSize ?? 20;
  const staleAfterMs = options.staleAfterMs ?? 5 * 60_000;
  const [posts, site, corrected] = await Promise.all([loadDigestPosts(run.postIds), getSiteSettings(), correctedDuring(run)]);
  const takeTurn = rateLimiter(options.ratePerSecond ?? env().SMTP_RATE_PER_SECOND);
  const sender = new DigestSender(site.name, run, posts, corrected, mail.connect, takeTurn, options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS);
  let lastReport = 0;
  const afterMessage = () => {
    if (!options.onProgress || Date.now() - lastReport < 250) return;
    lastReport = Date.now();
    void reportProgress(run.id, run.audienceSize, options.onProgress);
  };
  if (!(await waitForMailServer(mail, options))) return { sentHere: 0, stoppedUnreachable: true };
  for (;;) {
    sender.unreachable = null;
    await Promise.all(Array.from({ length: concurrency }, () => sender.loop(batchSize, afterMessage)));
    if (sender.unreachable) {
      if (!(await waitForMailServer(mail, options, sender.unreachable))) return { sentHere: sender.sentHere, stoppedUnreachable: true };
      continue;
    }
    const progress = await readRunProgress(run.id);
    if (progress.due > 0) continue;
    if (progress.sending > 0) {
      // Another worker is sending these, or a dead one left them: wait until they settle or go stale.
      await resolveStaleSendingDeliveries(run.id, new Date(Date.now() - staleAfterMs));
      if ((await readRunProgress(run.id)).sending > 0) await sleep(Math.min(1000, Math.max(50, staleAfterMs / 4)));
      continue;
    }
    if (progress.pending > 0 && progress.nextAttemptAt) {
      await sleep(Math.max(10, progress.nextAttemptAt.getTime() - Date.now()));
      continue;
    }
    break;
  }
  return { sentHere: sender.sentHere, stoppedUnreachable: false };
}

/** Starts or resumes the digest run and works on it until every delivery is settled. */
export async function runDigest(options: RunDigestOptions = {}): Promise<DigestOutcome> {
  const { run, resumed } = await startOrResumeDigestRun(options.now ?? new Date());
  if (run.status !== "RUNNING") return { run, resumed, sentHere: 0, final: run };
  const { sentHere, stoppedUnreachable } = await sendRunDeliveries(run, options);
  if (stoppedUnreachable) return { run, resumed, sentHere, stoppedUnreachable, final: await findDigestRun(run.id) };
  await reportProgress(run.id, run.audienceSize, options.onProgress);
  const final = (await completeDigestRun(run.id)) ?? (await findDigestRun(run.id));
  return { run, resumed, sentHere, final };
}

/** Sends what is left in one run (a running one, or a finished one an editor reopened to resend) and updates its counts. */
export async function settleDigestRun(runId: string, options: RunDigestOptions = {}): Promise<DigestOutcome | null> {
  const run = await findDigestRun(runId);
  if (!run) return null;
  if (run.status === "RUNNING") return runDigest(options);
  if (run.status !== "COMPLETED") return { run, resumed: false, sentHere: 0, final: run };
  const { sentHere, stoppedUnreachable } = await sendRunDeliveries(run, options);
  await reportProgress(run.id, run.audienceSize, options.onProgress);
  return { run, resumed: true, sentHere, stoppedUnreachable: stoppedUnreachable || undefined, final: await recountDigestRun(run.id) };
}

/** Finishes a run a crashed or stopped worker left RUNNING, or an editor's resend, without starting a new run. */
export async function resumeUnfinishedDigest(options: RunDigestOptions = {}): Promise<DigestOutcome | null> {
  if (await findRunningDigestRun()) return runDigest(options);
  const reopened = await findRunWithReopenedDeliveries();
  return reopened ? settleDigestRun(reopened.id, options) : null;
}
