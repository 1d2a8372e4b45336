// The background worker's queues on a real pg-boss, in a database of its own (its crons must not
// touch other tests' data).
import { beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "@/jobs/worker";
import { useTestDatabase } from "../helpers/database";

let databaseUrl: string;
beforeAll(async () => {
  databaseUrl = await useTestDatabase();
});

describe("the worker's digest queues", () => {
  it("let a long run finish instead of expiring it after 15 minutes and starting a second", async () => {
    const boss = await startWorker(databaseUrl);
    try {
      for (const name of ["digest", "digest-resume"]) {
        expect(await boss.getQueue(name)).toMatchObject({ expireInSeconds: 12 * 3600, retryLimit: 0 });
      }
      expect(await boss.getQueue("publish-scheduled")).toMatchObject({ expireInSeconds: 900 });
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
