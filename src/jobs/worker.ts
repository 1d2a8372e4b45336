// The background worker: runs every job in the registry on pg-boss, in the same Postgres.
import { PgBoss } from "pg-boss";
import { jobs } from "./registry";

export async function startWorker(connectionString: string): Promise<PgBoss> {
  // Named like the worker's other connections (PGAPPNAME), not pg-boss's default "pgboss".
  const boss = new PgBoss({ connectionString, max: 4, application_name: process.env.PGAPPNAME || "pgboss" });
  boss.on("error", (error) => console.error("[worker]", error));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name, job.queue);
    if (job.queue) await boss.updateQueue(job.name, job.queue); // a queue made by an earlier version keeps its old options otherwise
    await boss.work(job.name, async ([first]) => job.handler(first?.data, boss));
    if (job.cron) await boss.schedule(job.name, job.cron(), null, { tz: job.timezone?.() ?? "Europe/London" });
  }
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
