// Browser-test environment: a throwaway PostgreSQL with demo content, a production build in
// .next-test, the web server and the worker. One run at a time (a lock), as next build is heavy.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort } from "@/lib/embedded-postgres";
import { buildApp, prepareDatabase, projectRoot, startWebServer, startWorkerProcess, stopProcess, waitForHttp } from "../../scripts/lib/services";
import { buildFingerprint, buildSettings, deploymentIdFor, recordBuild } from "../../scripts/lib/build-fingerprint";
import { deriveServerActionsKey } from "@/lib/shared-settings";
import { acquireLock } from "./lock";
import { startTestPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    dataDir: string;
    postgresLogFile: string;
    nextauthSecret: string;
    deploymentId: string;
  }
}

export default async function setup(project: TestProject) {
  const releaseLock = await acquireLock(path.join(projectRoot, ".test-data", "e2e.lock"));
  const postgres = await startTestPostgres();
  const children: ChildProcess[] = [];
  const dataDir = path.join(projectRoot, ".test-data", `e2e-${randomBytes(4).toString("hex")}`);
  const teardown = async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
    await releaseLock();
  };
  try {
    await mkdir(path.join(dataDir, "logs"), { recursive: true });
    await postgres.createDatabase("docket_e2e", "docket_template");
    const databaseUrl = postgres.url("docket_e2e");
    await prepareDatabase(databaseUrl, { demoContent: true });

    const port = await findFreePort();
    const baseUrl = `http://localhost:${port}`;
    // As `npm start` would run it, so that its test finds this build current.
    const nextauthSecret = randomBytes(32).toString("base64url");
    const serverActionsKey = deriveServerActionsKey(nextauthSecret);
    const deploymentId = await deploymentIdFor(projectRoot);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-test",
      DATABASE_URL: databaseUrl,
      DOCKET_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: nextauthSecret,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: serverActionsKey,
      DOCKET_DEPLOYMENT_ID: deploymentId,
      NEXTAUTH_URL: baseUrl,
      SITE_URL: baseUrl,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      // The tests stand in for one proxy hop: their X-Forwarded-For names the client (as nginx's
      // would). tests/e2e/hardening.test.ts starts a server of its own with TRUST_PROXY off.
      TRUST_PROXY: "1",
    };
    await buildApp(env, path.join(dataDir, "logs", "build.log"));
    await recordBuild(path.join(projectRoot, ".next-test"), await buildFingerprint(projectRoot, buildSettings(baseUrl, serverActionsKey)));
    const web = startWebServer(env, port, path.join(dataDir, "logs", "web.log"));
    children.push(web, startWorkerProcess(env, path.join(dataDir, "logs", "worker.log")));
    await waitForHttp(`${baseUrl}/`, web, 120_000);

    project.provide("baseUrl", baseUrl);
    project.provide("databaseUrl", databaseUrl);
    project.provide("dataDir", dataDir);
    project.provide("postgresLogFile", postgres.logFile);
    project.provide("nextauthSecret", nextauthSecret);
    project.provide("deploymentId", deploymentId);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
