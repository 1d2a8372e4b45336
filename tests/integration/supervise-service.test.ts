// `npm start` keeps its processes running: one that dies is started again with the reason in the log
// (here, what Node prints when a heap runs out), and one that keeps dying stops Docket instead of looping.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_RESTARTS, startService, superviseService, type SupervisedService } from "../../scripts/lib/services";

const node = process.execPath;
const started: SupervisedService[] = [];
afterAll(async () => {
  for (const service of started) await service.stop();
});

async function logFile() {
  return path.join(await mkdtemp(path.join(os.tmpdir(), "docket-supervise-")), "service.log");
}

const crash = ["-e", 'console.error("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"); process.exit(134)'];
const run = ["-e", "setInterval(() => {}, 1000)"];

describe("a supervised service", () => {
  it("is started again when it dies, saying why", async () => {
    const log = await logFile();
    let starts = 0;
    const restarts: string[] = [];
    const gaveUp: string[] = [];
    const service = superviseService("web server", () => startService("web", node, ++starts === 1 ? crash : run, process.env, log), {
      onRestart: (message) => restarts.push(message),
      onGiveUp: (message) => gaveUp.push(message),
    });
    started.push(service);
    await expect.poll(() => starts, { timeout: 20_000 }).toBe(2);
    expect(restarts).toEqual(["The web server stopped unexpectedly (exit 134: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory); starting it again."]);
    expect(service.current().exitCode).toBeNull();
    expect(gaveUp).toEqual([]);
  });

  it("is left stopped when it keeps dying, and says so", async () => {
    const log = await logFile();
    let starts = 0;
    const gaveUp: string[] = [];
    started.push(superviseService("worker", () => (starts++, startService("worker", node, crash, process.env, log)), { onGiveUp: (message) => gaveUp.push(message) }));
    await expect.poll(() => gaveUp.length, { timeout: 30_000 }).toBe(1);
    expect(starts).toBe(MAX_RESTARTS);
    expect(gaveUp[0]).toMatch(/^The worker stopped unexpectedly 5 times within a minute \(last: exit 134: FATAL ERROR: Reached heap limit/);
  });
});
