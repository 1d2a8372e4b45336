// Another `next start` of the browser tests' build, on its own port, against the same database and
// data folder as the one the global setup started: a second web process of the same site.
import path from "node:path";
import { findFreePort } from "@/lib/embedded-postgres";
import { startWebServer, stopProcess, waitForHttp } from "../../scripts/lib/services";
import { inject } from "vitest";
import { deriveServerActionsKey } from "@/lib/shared-settings";
import { e2eDatabaseUrl, e2eDataDir } from "./e2e";

export type ExtraWebServer = { url: string; stop: () => Promise<void> };

export async function startExtraWebServer(extraEnv: Record<string, string> = {}): Promise<ExtraWebServer> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
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
  const server = startWebServer(env, port, path.join(e2eDataDir(), "logs", `web-${port}.log`));
  try {
    await waitForHttp(`${url}/`, server, 120_000);
  } catch (error) {
    await stopProcess(server);
    throw error;
  }
  return { url, stop: () => stopProcess(server) };
}
