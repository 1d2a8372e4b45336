// Decides whether `npm start` must rebuild: a hash of every input of the production build.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const inputs = ["src", "public", "next.config.ts", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const skipped = new Set(["generated", "node_modules"]);

async function listFiles(target: string): Promise<string[]> {
  if (!existsSync(target)) return [];
  if (!(await stat(target)).isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => !skipped.has(entry.name))
      .map((entry) => listFiles(path.join(target, entry.name))),
  );
  return nested.flat();
}

/**
 * The settings built into the app besides the code: the site's address, and the server-action key
 * (built into the server bundles, and the salt of the action ids), by its hash.
 */
export function buildSettings(siteUrl: string, serverActionsKey: string): Record<string, string> {
  return { SITE_URL: siteUrl, actionsKeyHash: createHash("sha256").update(serverActionsKey).digest("hex") };
}

export async function buildFingerprint(root: string, settings: Record<string, string | undefined>): Promise<string> {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(settings));
  const files = (await Promise.all(inputs.map((input) => listFiles(path.join(root, input))))).flat().sort();
  for (const file of files) {
    const info = await stat(file);
    hash.update(`${path.relative(root, file)}:${info.size}:${info.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/**
 * The deployment id (next.config.ts `deploymentId`): a hash of the build inputs' contents, so every
 * machine that runs the same code has the same id, and a browser that loaded a page from an older
 * build gets a full page load rather than a broken client-side navigation.
 */
export async function deploymentIdFor(root: string): Promise<string> {
  const hash = createHash("sha256");
  const files = (await Promise.all(inputs.map((input) => listFiles(path.join(root, input))))).flat().sort();
  for (const file of files) hash.update(`${path.relative(root, file)}\n`).update(await readFile(file));
  return hash.digest("hex").slice(0, 16);
}

const stampFile = (distDir: string) => path.join(distDir, "docket-build-fingerprint");

export async function isBuildCurrent(distDir: string, fingerprint: string): Promise<boolean> {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) return false;
  const stored = await readFile(stampFile(distDir), "utf8").catch(() => "");
  return stored === fingerprint;
}

export async function recordBuild(distDir: string, fingerprint: string) {
  await writeFile(stampFile(distDir), fingerprint);
}
