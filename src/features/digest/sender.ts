// The nightly digest. Any number of these may run at once (cron, `npm run digest -- --now`, a restart
// after a crash): they share the one open run and claim deliveries with SKIP LOCKED, so each
// subscriber's digest is handed to SMTP at most once, and a restart finishes what a crash left.
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { createMailTransport, newMessageId, type MailTransport } from "@/lib/mail/send";
import { createDigestBodyCache, matchingPosts, personalizeDigest, type DigestPost } from "./content";
import { findDigestRun, findRunningDigestRun, loadDigestPosts } from "./data";
import { getSiteSettings } from "@/features/site/data";
import {
  claimDeliveries,
  completeDigestRun,
  deferDelivery,
  failDeliveryPermanently,
  failDeliveryTransiently,
  markDeliveriesSent,
  markDeliveryHandedToSmtp,
  markDeliverySkipped,
  markDeliveryUncertain,
  readRunProgress,
  resolveStaleSendingDeliveries,
  startOrResumeDigestRun,
  type ClaimedDelivery,
} from "./mutations";
import type { DigestRun } from "@/generated/prisma/client";

export type DigestProgress = { runId: string; total: number; done: number; sent: number; failed: number; uncertain: number; skipped: number };

export type RunDigestOptions = {
  now?: Date;
  /** Defaults to SMTP_URL (pooled, SMTP_RATE_PER_SECOND) or the outbox. */
  transport?: MailTransport;
  /** Parallel claim-and-send loops; the pooled transport spreads them over its connections. */
  concurrency?: number;
  /** Deliveries claimed per statement: also the most a crash can leave UNCERTAIN per loop. */
  batchSize?: number;
  /** A SENDING delivery older than this belonged to a dead worker. */
  staleAfterMs?: number;
  /** Wait before retry n (1-based) after a transient (4xx) failure; past the last, the delivery fails. */
  retryDelaysMs?: number[];
  onProgress?: (progress: DigestProgress) => void;
};

export type DigestOutcome = {
  run: DigestRun;
  resumed: boolean;
  /** Deliveries this call handed to SMTP and saw accepted. */
  sentHere: number;
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

class DigestSender {
  private readonly bodyFor: ReturnType<typeof createDigestBodyCache>;
  sentHere = 0;

  constructor(
    siteName: string,
    private readonly run: DigestRun,
    private readonly posts: DigestPost[],
    private readonly transport: MailTransport,
    private readonly retryDelaysMs: number[],
  ) {
    this.bodyFor = createDigestBodyCache(siteName);
  }

  /** Claims and sends until nothing is due; returns when this loop found no more work. */
  async loop(batchSize: number, afterBatch: () => void): Promise<void> {
    for (;;) {
      const batch = await claimDeliveries(this.run.id, batchSize);
      if (batch.length === 0) return;
      const sent: { id: string; messageId: string }[] = [];
      for (const delivery of batch) {
        const messageId = await this.deliver(delivery);
        if (messageId) sent.push({ id: delivery.id, messageId });
      }
      await markDeliveriesSent(sent);
      this.sentHere += sent.length;
      afterBatch();
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<string | null> {
    if (delivery.status !== "ACTIVE") {
      await markDeliverySkipped(delivery.id, `Not sent: the subscriber became ${delivery.status.toLowerCase()} during the run.`);
      return null;
    }
    const posts = matchingPosts(this.posts, delivery);
    if (posts.length === 0) {
      await markDeliverySkipped(delivery.id, "Not sent: none of this run's posts match the subscriber's current choices.");
      return null;
    }
    const message = personalizeDigest(this.bodyFor(posts), { id: delivery.subscriberId, email: delivery.email }, newMessageId(`digest.${delivery.id}`));
    await markDeliveryHandedToSmtp(delivery.id);
    try {
      const info = await this.transport.send(message);
      return info.messageId;
    } catch (error) {
      await this.recordFailure(delivery, error);
      return null;
    }
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

/** Starts or resumes the digest run and works on it until every delivery is settled. */
export async function runDigest(options: RunDigestOptions = {}): Promise<DigestOutcome> {
  const { run, resumed } = await startOrResumeDigestRun(options.now ?? new Date());
  if (run.status !== "RUNNING") return { run, resumed, sentHere: 0, final: run };

  const transport = options.transport ?? createMailTransport();
  const concurrency = options.concurrency ?? (transport.kind === "smtp" ? 10 : 2);
  const batchSize = options.batchSize ?? 20;
  const staleAfterMs = options.staleAfterMs ?? 5 * 60_000;
  const [posts, site] = await Promise.all([loadDigestPosts(run.postIds), getSiteSettings()]);
  const sender = new DigestSender(site.name, run, posts, transport, options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS);
  let lastReport = 0;
  const afterBatch = () => {
    if (!options.onProgress || Date.now() - lastReport < 250) return;
    lastReport = Date.now();
    void reportProgress(run.id, run.audienceSize, options.onProgress);
  };
  try {
    for (;;) {
      await Promise.all(Array.from({ length: concurrency }, () => sender.loop(batchSize, afterBatch)));
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
  } finally {
    if (!options.transport) transport.close();
  }
  await reportProgress(run.id, run.audienceSize, options.onProgress);
  const final = (await completeDigestRun(run.id)) ?? (await findDigestRun(run.id));
  return { run, resumed, sentHere: sender.sentHere, final };
}

/** Finishes a run a crashed or stopped worker left RUNNING, without starting a new one. */
export async function resumeUnfinishedDigest(options: RunDigestOptions = {}): Promise<DigestOutcome | null> {
  if (!(await findRunningDigestRun())) return null;
  return runDigest(options);
}
