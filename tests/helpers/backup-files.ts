// Backup files changed by hand for the tests that feed restore a damaged or hostile one: the document's
// text in and out of gzip, its manifest resealed (so only the change under test is wrong), and a gzip
// bomb of one endless line.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGzip, gunzipSync, gzipSync } from "node:zlib";

export async function readBackupText(file: string): Promise<string> {
  return gunzipSync(await readFile(file)).toString("utf8");
}

export async function writeBackupText(file: string, text: string): Promise<string> {
  await writeFile(file, gzipSync(text));
  return file;
}

type Manifest = { counts: Record<string, number>; files: number; sha256: string };

/** The document with its manifest's checksum made right again (and its counts changed by `change`). */
export function resealed(text: string, change?: (manifest: Omit<Manifest, "sha256">) => void): string {
  const at = text.indexOf('"manifest":');
  const manifest = JSON.parse(text.slice(at + '"manifest":'.length, text.lastIndexOf("}"))) as Manifest;
  change?.(manifest);
  manifest.sha256 = createHash("sha256").update(text.slice(0, at)).digest("hex");
  return `${text.slice(0, at)}"manifest":${JSON.stringify(manifest)}}\n`;
}

/** A backup's first line, then a row line `megabytes` MB long with no end: a few hundred KB of gzip. */
export async function writeEndlessLineBackup(file: string, headerLine: string, megabytes: number): Promise<string> {
  const gzip = createGzip({ level: 9 });
  const written = pipeline(gzip, createWriteStream(file));
  gzip.write(`${headerLine}\n"rows":[\n["Tag",{"name":"`);
  const megabyte = Buffer.alloc(1024 * 1024, "a");
  for (let i = 0; i < megabytes; i++) if (!gzip.write(megabyte)) await once(gzip, "drain");
  gzip.end();
  await written;
  return file;
}
