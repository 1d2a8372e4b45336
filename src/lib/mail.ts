// The one way Docket sends email: SMTP when SMTP_URL is set, otherwise .eml files in the outbox folder.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type OutgoingMail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
};

export type SentMail = { messageId: string };

export function outboxDir(): string {
  return path.resolve(env().DOCKET_DATA_DIR, "outbox");
}

let transport: Transporter | undefined;
function smtpTransport(smtpUrl: string): Transporter {
  transport ??= nodemailer.createTransport(smtpUrl);
  return transport;
}

async function writeToOutbox(message: OutgoingMail & { from: string }): Promise<SentMail> {
  const streamer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = await streamer.sendMail(message);
  const folder = outboxDir();
  await mkdir(folder, { recursive: true });
  const safeId = info.messageId.replace(/[^a-zA-Z0-9.@-]/g, "");
  await writeFile(path.join(folder, `${Date.now()}-${safeId}.eml`), info.message as Buffer);
  return { messageId: info.messageId };
}

export async function sendMail(message: OutgoingMail): Promise<SentMail> {
  const settings = env();
  const withFrom = { ...message, from: settings.MAIL_FROM };
  if (!settings.SMTP_URL) return writeToOutbox(withFrom);
  const info = await smtpTransport(settings.SMTP_URL).sendMail(withFrom);
  return { messageId: info.messageId };
}
