// `npm start` as a user runs it: starts everything (two web processes on one port), serves the blog,
// and SIGTERM leaves nothing behind.
import { execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/embedded-postgres";
import { projectRoot } from "../../scripts/lib/services";
import { baseUrl } from "../helpers/e2e";

/**
 * Running processes. Zombies are left out: they have ended, and only wait for an init process to
 * collect them (some container inits never do).
 */
function processTable(): { pid: number; ppid: number; args: string }[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [, pid, ppid, stat, args] = line.match(/^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/) ?? [];
      return { pid: Number(pid), ppid: Number(ppid), stat, args };
    })
    .filter((row) => !row.stat?.startsWith("Z"));
}

function descendantsOf(root: number): number[] {
  const table = processTable();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const row of table.filter((candidate) => candidate.ppid === parent)) {
      found.push(row.pid);
      queue.push(row.pid);
    }
  }
  return found;
}

const isAlive = (pid: number) => processTable().some((row) => row.pid === pid);

let dataDir = "";
let startedPid: number | undefined;
afterAll(async () => {
  // A failed assertion leaves `npm start` running: end it and everything it started.
  if (startedPid && isAlive(startedPid)) {
    const left = descendantsOf(startedPid);
    process.kill(startedPid, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 5000));
    for (const pid of [startedPid, ...left].filter(isAlive)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // ended meanwhile
      }
    }
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the blog from two web processes on an embedded database, replaces one that dies, then stops every process on SIGTERM", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "docket-process-"));
    await chmod(dataDir, 0o755);
    const port = await findFreePort();
    // The browser tests' build and secret, so that `npm start` finds the build current.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DOCKET_DATA_DIR: dataDir,
      NEXT_DIST_DIR: ".next-test",
      SITE_URL: baseUrl(),
      NEXTAUTH_SECRET: inject("nextauthSecret"),
      WEB_CONCURRENCY: "2",
    };
    delete env.DATABASE_URL;
    delete env.NODE_OPTIONS;
    const start = spawn(path.join(projectRoot, "node_modules/.bin/node"), ["--disable-warning=ExperimentalWarning", "--import", "./scripts/register.mjs", "scripts/start.ts"], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    startedPid = start.pid;
    let output = "";
    start.stdout.on("data", (chunk) => (output += chunk));
    start.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => start.once("exit", resolve));

    // However long the machine takes to start it all: the test's own timeout is the only bound.
    while (!output.includes("Docket is running") && start.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output).toContain("Docket is running");
    expect(output).toContain(", 2 web processes");
    expect(output).toContain("Press Ctrl-C to stop.");
    expect(output).not.toContain("Building Docket");
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);

    let children = descendantsOf(start.pid!);
    expect(processTable().some((row) => row.args.includes(path.join(dataDir, "postgres")))).toBe(true);
    expect(children.length).toBeGreaterThanOrEqual(5);
    // Each web process (scripts/web-server.ts) names itself "docket-web".
    const webProcesses = processTable().filter((row) => children.includes(row.pid) && row.args.startsWith("docket-web"));
    expect(webProcesses).toHaveLength(2);

    // A web process that dies (as one whose heap ran out does) is replaced, and the site goes on answering.
    process.kill(webProcesses[0].pid, "SIGKILL");
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    await expect.poll(() => output, { timeout: 30_000 }).toContain(`web process ${webProcesses[0].pid} stopped unexpectedly (killed by SIGKILL`);
    await expect
      .poll(() => processTable().filter((row) => descendantsOf(start.pid!).includes(row.pid) && row.args.startsWith("docket-web")).length, { timeout: 60_000 })
      .toBe(2);
    expect(start.exitCode).toBeNull();

    children = descendantsOf(start.pid!);
    start.kill("SIGTERM");
    expect(await exited).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(children.filter(isAlive)).toEqual([]);
    expect(processTable().filter((row) => row.args.includes(dataDir))).toEqual([]);
  });
});
