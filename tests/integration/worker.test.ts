// The background worker's queues on a real pg-boss, in a database of its own (its crons must not
// touch other tests' data).
import { beforeAll, describe, expect, it } from "vitest";
import { applySchedules, startWorker } from "@/jobs/worker";
import { readSiteSettings } from "@/features/site/data";
import { storeSiteSettings } from "@/features/site/mutations";
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

describe("the digest's schedule", () => {
  it("follows the site settings' time and zone, rescheduled without a restart", async () => {
    const boss = await startWorker(databaseUrl);
    try {
      const [digest] = await boss.getSchedules("digest");
      expect(digest).toMatchObject({ cron: "0 6 * * *", timezone: "Europe/London" });
      expect(await boss.getSchedules("schedules-sync")).toEqual([expect.objectContaining({ cron: "* * * * *" })]);
      expect(await applySchedules(boss)).toEqual([]);

      await storeSiteSettings({ ...(await readSiteSettings()), digestTime: "07:45", digestTimeZone: "America/New_York" });
      expect(await applySchedules(boss)).toEqual(["digest"]);
      expect((await boss.getSchedules("digest"))[0]).toMatchObject({ cron: "45 7 * * *", timezone: "America/New_York" });
      expect(await applySchedules(boss)).toEqual([]);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
