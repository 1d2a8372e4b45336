// For browser tests: the running app's address, its database and data folder, and Chromium.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");
export const e2eDatabaseUrl = () => inject("databaseUrl");
export const postgresLogFile = () => inject("postgresLogFile");
export const outboxDir = () => path.join(inject("dataDir"), "outbox");

export function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** The raw .eml files in the outbox, oldest first. */
export async function readOutbox(): Promise<{ file: string; raw: string }[]> {
  const files = (await readdir(outboxDir()).catch(() => [] as string[])).filter((file) => file.endsWith(".eml")).sort();
  return Promise.all(files.map(async (file) => ({ file, raw: await readFile(path.join(outboxDir(), file), "utf8") })));
}
