// The digest's cron jobs: the nightly run and the resume sweep. Sending is features/digest/sender.ts.
import type { JobDefinition } from "./job";
import { pruneRateLimitCounters } from "@/lib/rate-limit";
import { describeMailServerStatus, resumeUnfinishedDigest, runDigest, type RunDigestOptions } from "@/features/digest/sender";
import { readSiteSettings } from "@/features/site/data";
import { digestCron } from "@/features/site/schema";

/**
 * A big audience at a modest SMTP rate takes longer than pg-boss's 15-minute expiry, and a retry
 * would only run alongside the first: the resume job finishes what a failed run leaves.
 */
const longRunningQueue = { expireInSeconds: 12 * 3600, retryLimit: 0 };

const RESUME_EVERY_MINUTES = 10;

/**
 * With the mail server unreachable the worker does not sit waiting: it says so in its log at once and
 * leaves the run to the resume sweep, whose next tick is the next attempt.
 */
const workerSendOptions: RunDigestOptions = {
  nextAttemptWhenUnreachable: (now) => {
    const step = RESUME_EVERY_MINUTES * 60_000;
    return new Date(Math.floor(now.getTime() / step) * step + step);
  },
  onMailServer: (status) => console.error(`[digest] ${describeMailServerStatus(status)}`),
};

export const digestResumeJob: JobDefinition = {
  name: "digest-resume",
  queue: () => longRunningQueue,
  cron: () => `*/${RESUME_EVERY_MINUTES} * * * *`,
  handler: async () => {
    const outcome = await resumeUnfinishedDigest(workerSendOptions);
    if (outcome) console.log(`[digest] resumed run ${outcome.run.id}: ${outcome.final?.status ?? "RUNNING"}, ${outcome.sentHere} sent by this worker`);
  },
};

export const digestJob: JobDefinition = {
  name: "digest",
  queue: () => longRunningQueue,
  // The time and zone are site settings (/admin/settings); the worker follows a change within a minute.
  cron: async () => digestCron(await readSiteSettings()),
  timezone: async () => (await readSiteSettings()).digestTimeZone,
  handler: async () => {
    const outcome = await runDigest(workerSendOptions);
    const final = outcome.final;
    console.log(
      `[digest] run ${outcome.run.id} ${final?.status ?? "RUNNING"}: window ${outcome.run.windowStart.toISOString()} → ${outcome.run.windowEnd.toISOString()}, ` +
        `audience ${outcome.run.audienceSize}, sent ${final?.sentCount ?? 0}, failed ${final?.failedCount ?? 0}, uncertain ${final?.uncertainCount ?? 0}`,
    );
    await pruneRateLimitCounters(new Date(Date.now() - 2 * 24 * 3600_000));
  },
};
