// The background worker: runs every job in the registry on pg-boss, in the same Postgres.
import { PgBoss } from "pg-boss";
import type { JobDefinition } from "./job";
import { jobs } from "./registry";

/**
 * Gives pg-boss each job's current cron and time zone where they changed (the digest's follow the
 * site settings); returns the names of the jobs it rescheduled. pg-boss keeps schedules in the
 * database, so one worker doing this is enough for all of them.
 */
export async function applySchedules(boss: PgBoss, definitions: JobDefinition[] = jobs): Promise<string[]> {
  const changed: string[] = [];
  for (const job of definitions) {
    if (!job.cron) continue;
    const [cron, tz] = await Promise.all([job.cron(), job.timezone?.() ?? "Europe/London"]);
    const [current] = await boss.getSchedules(job.name);
    if (current?.cron === cron && current.timezone === tz) continue;
    await boss.schedule(job.name, cron, null, { tz });
    changed.push(job.name);
  }
  return changed;
}

/** Every minute: a schedule whose setting changed is given to pg-boss again, without a restart. */
const scheduleSyncJob: JobDefinition = {
  name: "schedules-sync",
  cron: () => "* * * * *",
  handler: async (_data, boss) => {
    for (const name of await applySchedules(boss)) console.log(`[worker] ${name} rescheduled from the settings`);
  },
};

export async function startWorker(connectionString: string): Promise<PgBoss> {
  // Named like the worker's other connections (PGAPPNAME), not pg-boss's default "pgboss".
  const boss = new PgBoss({ connectionString, max: 4, application_name: process.env.PGAPPNAME || "pgboss" });
  boss.on("error", (error) => console.error("[worker]", error));
  await boss.start();
  for (const job of [...jobs, scheduleSyncJob]) {
    const options = job.queue?.();
    await boss.createQueue(job.name, options);
    if (options) await boss.updateQueue(job.name, options); // a queue made by an earlier version keeps its old options otherwise
    await boss.work(job.name, { localConcurrency: job.concurrency ?? 1 }, async ([first]) => job.handler(first?.data, boss));
  }
  await applySchedules(boss, [...jobs, scheduleSyncJob]);
  return boss;
}

async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("DATABASE_URL is not set: the worker is started by `npm start`.");
    process.exit(1);
  }
  const boss = await startWorker(connectionString);
  const stop = async () => {
    await boss.stop({ graceful: true, timeout: 10_000 });
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
