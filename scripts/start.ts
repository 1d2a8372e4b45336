// `npm start`: database (embedded unless DATABASE_URL), migrations, demo content, build, web server, worker.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { isPortFree, StartupError } from "../src/lib/embedded-postgres";
import { env } from "../src/lib/env";
import { buildFingerprint, buildSettings, deploymentIdFor, isBuildCurrent, recordBuild } from "./lib/build-fingerprint";
import {
  buildApp,
  prepareDatabase,
  projectRoot,
  resolveDatabase,
  sharedSecrets,
  startWebServers,
  startWorkerProcess,
  superviseService,
  waitForHttp,
  type Database,
  type SupervisedService,
} from "./lib/services";

const services: SupervisedService[] = [];
let database: Database | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(services.map((service) => service.stop()));
  await database?.stop().catch(() => {});
  process.exit(code);
}

function fail(error: unknown) {
  if (!(error instanceof StartupError)) console.error(error);
  console.error(`Docket could not start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
}

async function main() {
  let settings;
  try {
    settings = env();
  } catch (error) {
    console.error(`Docket could not start. ${(error as Error).message}\nSee .env.example for every setting.`);
    process.exit(1);
  }
  const dataDir = path.resolve(projectRoot, settings.DOCKET_DATA_DIR);
  const logs = path.join(dataDir, "logs");
  await mkdir(logs, { recursive: true });
  if (!(await isPortFree(settings.PORT, "0.0.0.0"))) {
    throw new StartupError(`Port ${settings.PORT} is already in use: stop what uses it or set PORT to a free port.`);
  }

  database = await resolveDatabase({ databaseUrl: settings.DATABASE_URL, dataDir, port: settings.DOCKET_DB_PORT });
  const { demoLoaded } = await prepareDatabase(database.url, { demoContent: settings.DOCKET_DEMO_CONTENT === "true" });

  const siteUrl = (settings.SITE_URL ?? `http://localhost:${settings.PORT}`).replace(/\/$/, "");
  // Shared with every other server on this database, or start-up stops here with the reason.
  const secrets = await sharedSecrets(database.url, dataDir, settings);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    DOCKET_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: secrets.authSecret,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: secrets.serverActionsKey,
    DOCKET_DEPLOYMENT_ID: await deploymentIdFor(projectRoot),
    NEXTAUTH_URL: siteUrl,
    SITE_URL: siteUrl,
    PORT: String(settings.PORT),
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const distDir = path.join(projectRoot, process.env.NEXT_DIST_DIR ?? ".next");
  const fingerprint = await buildFingerprint(projectRoot, buildSettings(siteUrl, secrets.serverActionsKey));
  if (!(await isBuildCurrent(distDir, fingerprint))) {
    console.log("Building Docket (first start or changed code; this takes a minute or two)...");
    await buildApp(childEnv, path.join(logs, "build.log"));
    await recordBuild(distDir, fingerprint);
  }

  // A process that dies (a crash, an exhausted heap) is started again; one that cannot run at all stops Docket.
  const giveUp = (message: string) => {
    console.error(`${message} See ${path.relative(process.cwd(), logs) || logs}/.`);
    void shutdown(1);
  };
  const web = superviseService("web server", () => startWebServers(childEnv, settings.PORT, settings.WEB_CONCURRENCY, path.join(logs, "web.log")), { onGiveUp: giveUp });
  const worker = superviseService("worker", () => startWorkerProcess(childEnv, path.join(logs, "worker.log")), { onGiveUp: giveUp });
  services.push(web, worker);
  await waitForHttp(`http://127.0.0.1:${settings.PORT}/`, web.current());

  const { DEMO_EDITOR_EMAIL } = await import("../src/features/demo-content/content");
  const relativeData = path.relative(process.cwd(), dataDir) || dataDir;
  console.log(
    [
      "",
      `Docket is running at ${siteUrl}  (admin: ${siteUrl}/admin)` +
        (settings.WEB_CONCURRENCY > 1 ? `, ${settings.WEB_CONCURRENCY} web processes` : ""),
      `  data:  ${database.describe}${demoLoaded ? ", demo content loaded" : ""}`,
      `  mail:  ${settings.SMTP_URL ? `SMTP (${new URL(settings.SMTP_URL).host})` : `${relativeData}/outbox, readable at ${siteUrl}/admin/outbox`}`,
      `  sign in as the demo editor: ${DEMO_EDITOR_EMAIL} at ${siteUrl}/admin/sign-in; the link arrives in the outbox`,
      `  logs:  ${relativeData}/logs/`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

// embedded-postgres installs signal handlers that exit before our children have stopped: take over.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}
main().catch(fail);
