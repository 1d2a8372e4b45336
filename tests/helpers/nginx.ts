// The README's nginx front, taken from the README itself, in front of a running Docket server: for
// the browser test that keeps that configuration true, and for bench:read.
import { spawn } from "node:child_process";
import { access, chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { findFreePort } from "@/lib/embedded-postgres";
import { projectRoot, stopProcess, waitForHttp } from "../../scripts/lib/services";

const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

/**
 * The one nginx block in the README, pointed at the upstream ports and a throwaway cache folder;
 * with `staticFile`, nginx also serves that file itself at /static-copy.html (for bench:read).
 */
async function readmeNginxConfig(upstreamPorts: number[], listenPort: number, cacheDir: string, staticFile?: string): Promise<string> {
  const readme = await readFile(path.join(projectRoot, "README.md"), "utf8");
  const block = readme.match(/```nginx\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error("README.md has no nginx block.");
  const edits: [string, string][] = [
    ["server 127.0.0.1:3000;", upstreamPorts.map((port) => `server 127.0.0.1:${port};`).join(" ")],
    ["listen 443 ssl;", `listen 127.0.0.1:${listenPort};`],
    ["/var/cache/nginx/docket", cacheDir],
    ["  location / {", `${staticFile ? `  location = /static-copy.html { alias ${staticFile}; default_type text/html; }\n` : ""}  location / {`],
  ];
  for (const [from] of edits) if (!block.includes(from)) throw new Error(`README.md's nginx block no longer has "${from}".`);
  return edits.reduce((config, [from, to]) => config.replace(from, to), block);
}

export async function startReadmeNginx(upstreamPorts: number[], options: { staticFile?: string } = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  await access(NGINX).catch(() => {
    throw new Error(`nginx is not at ${NGINX}: install it (Debian: apt-get install nginx) or set NGINX_PATH.`);
  });
  const workDir = await mkdtemp(path.join(projectRoot, ".test-data", "nginx-"));
  await chmod(workDir, 0o755); // nginx's workers run as another user and must reach their folders
  const listenPort = await findFreePort();
  const conf = path.join(workDir, "nginx.conf");
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${workDir}/${kind};`);
  await writeFile(
    conf,
    [
      "daemon off;",
      `pid ${workDir}/nginx.pid;`,
      `error_log ${workDir}/error.log;`,
      "events {}",
      "http {",
      "  access_log off;",
      ...temp,
      await readmeNginxConfig(upstreamPorts, listenPort, path.join(workDir, "cache"), options.staticFile),
      "}",
    ].join("\n"),
  );
  const nginx = spawn(NGINX, ["-p", workDir, "-c", conf], { stdio: ["ignore", "inherit", "inherit"], detached: true });
  const url = `http://127.0.0.1:${listenPort}`;
  const stop = async () => {
    await stopProcess(nginx);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/`, nginx, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
