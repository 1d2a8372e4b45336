// Jobs sent from commands (an email to send, a sign-in link to make): written into pg-boss's queue in
// the transaction that is open (src/lib/db.ts), so they exist exactly when the change they follow
// commits. The worker process (src/jobs) runs them, with pg-boss's retries.
import "server-only";
import { PgBoss, type QueueOptions } from "pg-boss";
import { currentSqlExecutor } from "@/lib/db";

/** A queue and its options (retries, retention), created on first use by whichever process uses it first. */
export type QueueSpec = { name: string; options: () => QueueOptions };

type Opened = { url: string; boss: Promise<PgBoss>; created: Map<string, Promise<void>> };
let opened: Opened | undefined;

async function openBoss(connectionString: string): Promise<PgBoss> {
  // Sends only: the worker process runs the jobs and pg-boss's maintenance.
  const boss = new PgBoss({ connectionString, max: 2, supervise: false, schedule: false, application_name: process.env.PGAPPNAME || "docket-job-queue" });
  boss.on("error", (error) => console.error("[job queue]", error));
  await boss.start();
  return boss;
}

function connection(): Opened {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Docket with `npm start`.");
  if (opened?.url !== url) {
    void closeJobQueue();
    const boss = openBoss(url);
    const current: Opened = { url, boss, created: new Map() };
    boss.catch(() => {
      if (opened === current) opened = undefined; // the next job tries again
    });
    opened = current;
  }
  return opened;
}

async function queueReady(queue: QueueSpec): Promise<PgBoss> {
  const current = connection();
  const boss = await current.boss;
  let created = current.created.get(queue.name);
  if (!created) {
    created = boss.createQueue(queue.name, queue.options());
    current.created.set(queue.name, created);
    created.catch(() => current.created.delete(queue.name));
  }
  await created;
  return boss;
}

/** Queues one job, in the transaction that is open (if any). */
export async function enqueue(queue: QueueSpec, data: object): Promise<void> {
  const boss = await queueReady(queue);
  await boss.send(queue.name, data, { db: currentSqlExecutor() });
}

/** Closes this process's connection to the queue (tests and scripts that exit). */
export async function closeJobQueue(): Promise<void> {
  const boss = opened?.boss;
  opened = undefined;
  await boss?.then((running) => running.stop({ graceful: false, close: true })).catch(() => {});
}
