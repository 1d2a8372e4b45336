// Runs queued jobs (emails, sign-in links) the way the worker does, with the worker's own handlers,
// until none is left: integration tests have no worker process.
import { PgBoss } from "pg-boss";
import { jobs } from "@/jobs/registry";

const QUEUED_BY_COMMANDS = ["sign-in-link", "mail"];

export async function workOffQueuedJobs(names: string[] = QUEUED_BY_COMMANDS): Promise<number> {
  const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, max: 2, supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  let done = 0;
  try {
    for (;;) {
      let ran = 0;
      for (const name of names) {
        const definition = jobs.find((job) => job.name === name);
        if (!definition) throw new Error(`No job named ${name} in src/jobs/registry.ts`);
        // A queue is created by the first job sent to it: none yet means nothing to do.
        const fetched = await boss.fetch(name, { batchSize: 50 }).catch(() => []);
        for (const job of fetched) {
          ran += 1;
          try {
            await definition.handler(job.data, boss);
            await boss.complete(name, job.id);
          } catch (error) {
            await boss.fail(name, job.id, { message: (error as Error).message });
          }
        }
      }
      if (ran === 0) return done;
      done += ran;
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}
