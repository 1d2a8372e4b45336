// Another `next start` of the browser tests' build, on its own port, against the same database and
// data folder as the one the global setup started (a second web process of the same site), or, with
// DATABASE_URL and the rest in `extraEnv`, a site of its own; and a worker beside it.
import path from "node:path";
import { findFreePort } from "@/lib/embedded-postgres";
import { startWebServer, startWorkerProcess, stopProcess, waitForHttp } from "../../scripts/lib/services";
import { inject } from "vitest";
import { deriveServerActionsKey } from "@/lib/shared-settings";
import { e2eDatabaseUrl, e2eDataDir } from "./e2e";

export type ExtraWebServer = { url: string; stop: () => Promise<void> };

function serverEnv(url: string, port: number, extraEnv: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: ".next-test",
    DATABASE_URL: e2eDatabaseUrl(),
    DOCKET_DATA_DIR: e2eDataDir(),
    NEXTAUTH_SECRET: inject("nextauthSecret"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: deriveServerActionsKey(inject("nextauthSecret")),
    DOCKET_DEPLOYMENT_ID: inject("deploymentId"),
    NEXTAUTH_URL: url,
    SITE_URL: url,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  };
}

export async function startExtraWebServer(extraEnv: Record<string, string> = {}): Promise<ExtraWebServer> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startWebServer(serverEnv(url, port, extraEnv), port, path.join(e2eDataDir(), "logs", `web-${port}.log`));
  try {
    await waitForHttp(`${url}/`, server, 120_000);
  } catch (error) {
    await stopProcess(server);
    throw error;
  }
  return { url, stop: () => stopProcess(server) };
}

/** A worker for the site `server` serves, with the same settings. */
export function startExtraWorker(server: ExtraWebServer, extraEnv: Record<string, string> = {}): { stop: () => Promise<void> } {
  const port = Number(new URL(server.url).port);
  const worker = startWorkerProcess(serverEnv(server.url, port, extraEnv), path.join(e2eDataDir(), "logs", `worker-${port}.log`));
  return { stop: () => stopProcess(worker) };
}
