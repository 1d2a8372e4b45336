// The outbox folder as the admin's outbox viewer reads it: every email sent without SMTP_URL.
import "server-only";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { outboxDir } from "./send";

export type OutboxEntry = { file: string; sentAt: Date; bytes: number };

const OUTBOX_FILE = /^[0-9]+-[A-Za-z0-9.@-]+\.eml$/;

/** Newest first. `query` matches file names (which hold the message id) only: cheap on big folders. */
export async function listOutbox(options: { limit?: number; offset?: number; folder?: string } = {}) {
  const folder = options.folder ?? outboxDir();
  const files = (await readdir(folder).catch(() => [] as string[])).filter((file) => OUTBOX_FILE.test(file));
  files.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const offset = options.offset ?? 0;
  const page = files.slice(offset, offset + (options.limit ?? 50));
  const entries = await Promise.all(
    page.map(async (file): Promise<OutboxEntry> => {
      const info = await stat(path.join(folder, file));
      return { file, sentAt: new Date(Number(file.split("-")[0])), bytes: info.size };
    }),
  );
  return { total: files.length, entries };
}

export type OutboxMessage = {
  file: string;
  messageId: string | undefined;
  date: Date | undefined;
  from: string;
  to: string;
  subject: string;
  html: string | undefined;
  text: string | undefined;
  headers: { name: string; value: string }[];
};

/** One outbox message, parsed. Returns null for a name that is not an outbox file (no path tricks). */
export async function readOutboxMessage(file: string, folder = outboxDir()): Promise<OutboxMessage | null> {
  if (!OUTBOX_FILE.test(file)) return null;
  const raw = await readFile(path.join(folder, file)).catch(() => null);
  if (!raw) return null;
  const parsed = await simpleParser(raw);
  const addressText = (value: typeof parsed.to) => (Array.isArray(value) ? value.map((entry) => entry.text).join(", ") : (value?.text ?? ""));
  return {
    file,
    messageId: parsed.messageId,
    date: parsed.date,
    from: parsed.from?.text ?? "",
    to: addressText(parsed.to),
    subject: parsed.subject ?? "",
    html: parsed.html || undefined,
    text: parsed.text,
    headers: parsed.headerLines.map((line) => ({
      name: line.key,
      value: line.line.slice(line.line.indexOf(":") + 1).replace(/\r?\n(?=[ \t])/g, "").trim(),
    })),
  };
}
