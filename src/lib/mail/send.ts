// The one way Docket sends email: SMTP when SMTP_URL is set (a pooled, rate-limited transport),
// otherwise .eml files in the outbox folder, which the admin's outbox viewer reads.
import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { finished } from "node:stream/promises";
import nodemailer, { type Transporter } from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { env } from "@/lib/env";

export type OutgoingMail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** Our own Message-ID (with angle brackets), e.g. one derived from a delivery row. */
  messageId?: string;
};

export type SentMail = { messageId: string };

/** Sends messages; `verify` connects (and logs in) without sending; `close` ends pooled connections. */
export type MailTransport = {
  kind: "smtp" | "outbox";
  /** Where the mail goes, for messages: "host:port" (never the credentials) or "the outbox folder". */
  server: string;
  send: (message: OutgoingMail) => Promise<SentMail>;
  verify: () => Promise<void>;
  close: () => void;
};

export type TransportOptions = {
  /** smtp:// or smtps:// URL; undefined writes to the outbox folder. */
  smtpUrl?: string;
  /** Highest number of messages per second handed to the server, shared by all pooled connections. */
  ratePerSecond?: number;
  maxConnections?: number;
  outboxDir?: string;
};

export function outboxDir(): string {
  return path.resolve(env().DOCKET_DATA_DIR, "outbox");
}

/** Bare address of MAIL_FROM ("Docket <a@b>" → "a@b"). */
export function mailFromAddress(): string {
  const from = env().MAIL_FROM;
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}

export function newMessageId(localPart: string = randomUUID()): string {
  const domain = mailFromAddress().split("@")[1] ?? "docket.localhost";
  return `<${localPart}@${domain}>`;
}

/** The mailto: subject carrying a signed unsubscribe token; `unsubscribeTokenInSubject` reads it back. */
function unsubscribeSubject(token: string): string {
  return `unsubscribe ${token}`;
}

export function unsubscribeTokenInSubject(subject: string | undefined): string | null {
  return subject?.match(/\bunsubscribe\s+([A-Za-z0-9_.-]+)/i)?.[1] ?? null;
}

/**
 * RFC 2369 + RFC 8058 headers for bulk mail. `oneClickUrl` must accept a POST with the body
 * `List-Unsubscribe=One-Click` and no session; the mailto carries the same signed token.
 */
export function bulkMailHeaders(input: { siteName: string; oneClickUrl: string; unsubscribeToken: string; listId?: string }): Record<string, string> {
  const settings = env();
  const mailto = `mailto:${settings.UNSUBSCRIBE_MAILTO ?? mailFromAddress()}?subject=${encodeURIComponent(unsubscribeSubject(input.unsubscribeToken))}`;
  const domain = mailFromAddress().split("@")[1] ?? "docket.localhost";
  return {
    "List-Unsubscribe": `<${input.oneClickUrl}>, <${mailto}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "List-Id": `${input.siteName.replace(/[<>"\r\n]/g, "")} <${input.listId ?? "digest"}.${domain}>`,
    Precedence: "bulk",
    "Auto-Submitted": "auto-generated",
  };
}

function composeOptions(message: OutgoingMail) {
  return {
    from: env().MAIL_FROM,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    headers: message.headers,
    messageId: message.messageId ?? newMessageId(),
  };
}

const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** "host:port" of an SMTP URL, never its credentials (nodemailer's default ports: 465 for smtps://, 587 otherwise). */
function serverOf(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.hostname}:${url.port || (url.protocol === "smtps:" ? 465 : 587)}`;
}

function createSmtpTransport(options: TransportOptions & { smtpUrl: string }): MailTransport {
  const transporter: Transporter = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: Infinity,
    rateDelta: 1000,
    rateLimit: options.ratePerSecond ?? env().SMTP_RATE_PER_SECOND,
    ...SMTP_TIMEOUTS,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    kind: "smtp",
    server: serverOf(options.smtpUrl),
    send: async (message) => {
      const info = await transporter.sendMail(composeOptions(message));
      return { messageId: info.messageId };
    },
    verify: async () => {
      await transporter.verify();
    },
    close: () => transporter.close(),
  };
}

function createOutboxTransport(folder: string): MailTransport {
  const streamer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let folderReady: Promise<unknown> | undefined;
  return {
    kind: "outbox",
    server: "the outbox folder",
    send: async (message) => {
      const info = await streamer.sendMail(composeOptions(message));
      // A folder that could not be made is tried again with the next message, not given up on for good.
      folderReady ??= mkdir(folder, { recursive: true }).catch((error: unknown) => {
        folderReady = undefined;
        throw error;
      });
      await folderReady;
      const safeId = info.messageId.replace(/[^a-zA-Z0-9.@-]/g, "");
      await writeFile(path.join(folder, `${Date.now()}-${safeId}.eml`), info.message as Buffer);
      return { messageId: info.messageId };
    },
    verify: async () => {},
    close: () => {},
  };
}

/** A transport of its own (the digest opens one per run); settings default to SMTP_URL and the outbox. */
export function createMailTransport(options: TransportOptions = {}): MailTransport {
  const smtpUrl = "smtpUrl" in options ? options.smtpUrl : env().SMTP_URL;
  if (smtpUrl) return createSmtpTransport({ ...options, smtpUrl });
  return createOutboxTransport(options.outboxDir ?? outboxDir());
}

let shared: MailTransport | undefined;

/** Sends one message through the process-wide transport. */
export async function sendMail(message: OutgoingMail): Promise<SentMail> {
  shared ??= createMailTransport();
  return shared.send(message);
}

/** One SMTP connection of a sender's own: see mailServer. */
export type MailConnection = {
  /**
   * Starts the SMTP transaction at once (MAIL FROM): the connection is open and idle when it is called.
   * With `finishWhen`, the message's last line (the point from which the server may deliver it) waits
   * for that promise; if it rejects, the transaction is abandoned unfinished and nothing is delivered.
   */
  send: (message: OutgoingMail, options?: { finishWhen?: Promise<void> }) => Promise<SentMail>;
  /** False once the server or the network closed it (an idle connection may be closed by the server). */
  isOpen: () => boolean;
  close: () => void;
};

/** A connection error of our own making, worded and shaped as nodemailer's (no reply: before the message). */
function connectionClosed(server: string): Error {
  return Object.assign(new Error(`The connection to ${server} was closed`), { code: "ECONNECTION", command: "CONN" });
}

/** Where mail goes ("host:port", or "the outbox folder"), and a way to open a connection of one's own to it. */
export type MailServer = { kind: "smtp" | "outbox"; server: string; connect: () => Promise<MailConnection> };

/**
 * SMTP_URL (or the one given) for senders that open their own connections: each is connected and
 * logged in before it is handed a message, one message at a time, so a message given to `send` is on a
 * live SMTP transaction from that moment, never waiting in a queue for a connection. The digest records
 * a delivery as handed over just before, so a crash leaves at most one message per connection whose
 * fate is unknown. Without SMTP_URL: the outbox folder.
 */
export function mailServer(options: { smtpUrl?: string; outboxDir?: string } = {}): MailServer {
  const smtpUrl = "smtpUrl" in options ? options.smtpUrl : env().SMTP_URL;
  if (smtpUrl) return { kind: "smtp", server: serverOf(smtpUrl), connect: () => openSmtpConnection(smtpUrl) };
  const outbox = createOutboxTransport(options.outboxDir ?? outboxDir());
  const send: MailConnection["send"] = async (message, { finishWhen } = {}) => {
    await finishWhen;
    return outbox.send(message);
  };
  return { kind: "outbox", server: outbox.server, connect: async () => ({ send, isOpen: () => true, close: () => {} }) };
}

async function openSmtpConnection(smtpUrl: string): Promise<MailConnection> {
  const server = serverOf(smtpUrl);
  const settings = parseConnectionUrl(smtpUrl);
  const connection = new SMTPConnection({ ...settings, ...SMTP_TIMEOUTS });
  let lost: Error | null = null;
  let failPending: ((error: Error) => void) | null = null;
  connection.on("error", (error: Error) => {
    lost ??= error;
    failPending?.(error);
  });
  connection.on("end", () => {
    lost ??= connectionClosed(server);
    failPending?.(lost);
  });
  const step = (start: (done: (error?: Error | null) => void) => void) =>
    new Promise<void>((resolve, reject) => {
      failPending = reject;
      start((error) => (error ? reject(error) : resolve()));
    }).finally(() => (failPending = null));
  try {
    await step((done) => connection.connect(() => done()));
    if (settings.auth?.user) await step((done) => connection.login({ user: settings.auth!.user!, pass: settings.auth!.pass }, (error) => done(error)));
  } catch (error) {
    connection.close();
    throw error;
  }
  return {
    send: async (message, { finishWhen } = {}) => {
      if (lost) throw lost;
      const mail = new MailComposer(composeOptions(message)).compile();
      const messageId = mail.messageId();
      await step((done) => connection.send(mail.getEnvelope(), heldBack(mail.createReadStream(), finishWhen), (error) => done(error)));
      return { messageId };
    },
    isOpen: () => lost === null,
    // Closed at once, not with QUIT: a transaction abandoned half-way must never be completed.
    close: () => {
      lost ??= connectionClosed(server);
      connection.close();
    },
  };
}

/** The message as it is, except that its end (and with it the SMTP transaction's last line) waits for `until`. */
function heldBack(message: Readable, until?: Promise<void>): Readable {
  if (!until) return message;
  const held = new PassThrough();
  message.on("error", (error) => held.destroy(error));
  message.pipe(held, { end: false });
  Promise.all([finished(message), until]).then(
    () => held.end(),
    (error: unknown) => held.destroy(error as Error),
  );
  return held;
}
