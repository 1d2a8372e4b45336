// `npm run digest -- --dry-run` prints who would get what; `npm run digest -- --now` runs the digest
// at once (or resumes an unfinished run) with a progress bar; `--resend-uncertain RUN_ID` sends a
// run's uncertain deliveries again. Safe beside the worker: see src/features/digest/sender.ts.
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { env } from "../src/lib/env";
import { progressLine } from "./lib/progress";
import { projectRoot, resolveDatabase, sharedSecrets, type Database } from "./lib/services";

const USAGE = `Usage: npm run digest -- --dry-run | --now | --resend-uncertain RUN_ID [options]
  --dry-run                 print the next digest's window, posts and who would get which, send nothing
  --now                     run the digest now (resumes an unfinished run first)
  --resend-uncertain RUN_ID send the run's uncertain deliveries again (some people may get two copies)
  --yes                     do not ask before resending
  --concurrency N           send loops, each with an SMTP connection of its own (default 5; 2 with the outbox)
  --batch-size N            deliveries claimed at a time (default 20)
  --stale-after-seconds N   a delivery left SENDING this long belonged to a dead worker (default 300)
  --retry-delays-ms A,B,C   waits before retries after a 4xx (default 60000,300000,900000)
  --quiet                   no progress bar; print the summary as JSON`;

type Options = {
  dryRun: boolean;
  now: boolean;
  resendRunId?: string;
  yes: boolean;
  quiet: boolean;
  concurrency?: number;
  batchSize?: number;
  staleAfterMs?: number;
  retryDelaysMs?: number[];
};

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a whole number of at least 1 (got "${value}")`);
  return number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      "dry-run": { type: "boolean", default: false },
      now: { type: "boolean", default: false },
      "resend-uncertain": { type: "string" },
      yes: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      concurrency: { type: "string" },
      "batch-size": { type: "string" },
      "stale-after-seconds": { type: "string" },
      "retry-delays-ms": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  const modes = [values["dry-run"], values.now, values["resend-uncertain"] !== undefined].filter(Boolean).length;
  if (values.help || modes !== 1) throw new Error(USAGE);
  const resendRunId = values["resend-uncertain"]?.trim();
  if (resendRunId !== undefined && !/^[\w-]{1,60}$/.test(resendRunId)) throw new Error(`--resend-uncertain takes a run id, as shown at /admin/digest (got "${resendRunId}")`);
  const staleSeconds = positiveInt("stale-after-seconds", values["stale-after-seconds"]);
  const delays = values["retry-delays-ms"]?.split(",").map((part) => positiveInt("retry-delays-ms", part.trim()) as number);
  return {
    dryRun: values["dry-run"],
    now: values.now,
    resendRunId,
    yes: values.yes,
    quiet: values.quiet,
    concurrency: positiveInt("concurrency", values.concurrency),
    batchSize: positiveInt("batch-size", values["batch-size"]),
    staleAfterMs: staleSeconds === undefined ? undefined : staleSeconds * 1000,
    retryDelaysMs: delays,
  };
}

async function dryRun() {
  const { nextDigestWindowStart, listActiveSubscribersPage, listNewPublishedPostIds, loadDigestPosts } = await import(
    "../src/features/digest/data"
  );
  const { matchingPosts } = await import("../src/features/digest/content");
  const now = new Date();
  const windowStart = await nextDigestWindowStart(now);
  const posts = await loadDigestPosts(await listNewPublishedPostIds(windowStart, now));
  console.log(`Next digest window: ${windowStart.toISOString()} → ${now.toISOString()}`);
  if (posts.length === 0) {
    console.log("No new posts: the run would be recorded as empty and nothing sent.");
    return;
  }
  posts.forEach((post, index) => console.log(`  #${index + 1} ${post.title} (${post.publishedAt.toISOString()})`));
  let recipients = 0;
  let afterId: string | null = null;
  for (;;) {
    const page = await listActiveSubscribersPage(afterId, 1000);
    if (page.length === 0) break;
    for (const subscriber of page) {
      const theirs = matchingPosts(posts, subscriber);
      if (theirs.length === 0) continue;
      recipients += 1;
      console.log(`${subscriber.email}: ${theirs.map((post) => `#${posts.indexOf(post) + 1}`).join(" ")}`);
    }
    afterId = page[page.length - 1].id;
  }
  console.log(`${recipients} subscriber(s) would get a digest. Nothing was sent or recorded.`);
}

type SenderModule = typeof import("../src/features/digest/sender");
type MailServerStatus = import("../src/features/digest/sender").MailServerStatus;

/** What every sending mode shares: the options, the progress bar, and word of an unreachable mail server. */
function sendingOptions(options: Options, sender: SenderModule, started: number) {
  const interactive = !options.quiet && process.stderr.isTTY;
  let barShown = false;
  return {
    interactive,
    finishBar: () => {
      if (interactive && barShown) process.stderr.write("\n");
    },
    runOptions: {
      concurrency: options.concurrency,
      batchSize: options.batchSize,
      staleAfterMs: options.staleAfterMs,
      retryDelaysMs: options.retryDelaysMs,
      onMailServer: (status: MailServerStatus) => {
        // On its own line at once, whatever the progress bar is doing; --quiet too, as it is news of a fault.
        if (interactive && barShown) process.stderr.write("\r\x1b[K");
        console.error(sender.describeMailServerStatus(status));
      },
      onProgress: options.quiet
        ? undefined
        : (progress: { done: number; total: number }) => {
            const line = progressLine(progress.done, progress.total, (Date.now() - started) / 1000);
            barShown = true;
            if (interactive) process.stderr.write(`\r${line}`);
            else console.error(line);
          },
    },
  };
}

async function runNow(options: Options) {
  const sender = await import("../src/features/digest/sender");
  const started = Date.now();
  const sending = sendingOptions(options, sender, started);
  const outcome = await sender.runDigest(sending.runOptions);
  sending.finishBar();
  const final = outcome.final;
  const summary = {
    runId: outcome.run.id,
    status: final?.status ?? outcome.run.status,
    resumed: outcome.resumed,
    windowStart: outcome.run.windowStart.toISOString(),
    windowEnd: outcome.run.windowEnd.toISOString(),
    posts: outcome.run.postIds.length,
    audience: outcome.run.audienceSize,
    sent: final?.sentCount ?? 0,
    failed: final?.failedCount ?? 0,
    uncertain: final?.uncertainCount ?? 0,
    sentByThisProcess: outcome.sentHere,
    seconds: (Date.now() - started) / 1000,
  };
  if (options.quiet) {
    console.log(JSON.stringify(summary));
    return;
  }
  if (summary.status === "EMPTY") {
    console.log(`No new posts since ${summary.windowStart}: run recorded as empty, nothing sent.`);
    return;
  }
  console.log(
    `Digest ${summary.status.toLowerCase()}${summary.resumed ? " (resumed an unfinished run)" : ""}: ${summary.posts} post(s), ` +
      `audience ${summary.audience}, sent ${summary.sent}, failed ${summary.failed}, uncertain ${summary.uncertain}, ${summary.seconds.toFixed(1)}s`,
  );
}

async function confirmResend(count: number): Promise<boolean> {
  if (!process.stdin.isTTY) {
    console.error("Nothing was sent. Run it again with --yes to send them.");
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`Send the digest again to these ${count} addresses? Type yes to go ahead: `);
    return answer.trim().toLowerCase() === "yes";
  } finally {
    prompt.close();
  }
}

/** Returns the exit code: 0 when sent (or nothing to send), 2 when not confirmed. */
async function resendUncertain(options: Options & { resendRunId: string }): Promise<number> {
  const { findDigestRun, countRunDeliveries } = await import("../src/features/digest/data");
  const { describeUncertainDeliveries, requestUncertainResend } = await import("../src/features/digest/resend");
  const { inTransaction } = await import("../src/lib/db");
  const { recordAudit } = await import("../src/lib/audit");
  const run = await findDigestRun(options.resendRunId);
  if (!run) throw new Error(`There is no digest run ${options.resendRunId} (the runs are listed at /admin/digest).`);
  const uncertain = (await countRunDeliveries(run.id)).UNCERTAIN ?? 0;
  if (uncertain === 0) {
    console.log(`Run ${run.id} has no uncertain deliveries: nothing to resend.`);
    return 0;
  }
  console.error(`Run ${run.id} (window ${run.windowStart.toISOString()} → ${run.windowEnd.toISOString()}) has ${uncertain} uncertain ${uncertain === 1 ? "delivery" : "deliveries"}.`);
  console.error(`Warning: ${await describeUncertainDeliveries(run.id)}`);
  if (!options.yes && !(await confirmResend(uncertain))) return 2;
  await inTransaction(async () => {
    const deliveries = await requestUncertainResend(run.id);
    // No login runs the command line: the entry names the way it came instead.
    await recordAudit({ actorId: null, action: "digest.resendUncertain", entityType: "DigestRun", entityId: run.id, details: { deliveries, via: "command line" } });
  });
  const sender = await import("../src/features/digest/sender");
  const started = Date.now();
  const sending = sendingOptions(options, sender, started);
  const outcome = await sender.settleDigestRun(run.id, sending.runOptions);
  sending.finishBar();
  const final = outcome?.final;
  console.log(
    `Resent run ${run.id}: ${outcome?.sentHere ?? 0} of ${uncertain} sent again; the run now has sent ${final?.sentCount ?? 0}, ` +
      `failed ${final?.failedCount ?? 0}, uncertain ${final?.uncertainCount ?? 0}.`,
  );
  return 0;
}

async function main() {
  let options: Options;
  let settings;
  try {
    options = parseOptions(process.argv.slice(2));
    settings = env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const dataDir = path.resolve(projectRoot, settings.DOCKET_DATA_DIR);
  let database: Database;
  try {
    database = await resolveDatabase({ databaseUrl: settings.DATABASE_URL, dataDir, port: settings.DOCKET_DB_PORT });
  } catch (error) {
    console.error(
      `Could not open the database: ${(error as Error).message}\n` +
        "If Docket is running with its embedded database, set DATABASE_URL to that database (see the start-up message).",
    );
    process.exit(1);
  }
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET = (await sharedSecrets(database.url, dataDir, settings)).authSecret;
  let exitCode = 0;
  try {
    if (options.dryRun) await dryRun();
    else if (options.resendRunId) exitCode = await resendUncertain({ ...options, resendRunId: options.resendRunId });
    else await runNow(options);
  } finally {
    const { db } = await import("../src/lib/db");
    await db().$disconnect();
    await database.stop();
  }
  return exitCode;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
