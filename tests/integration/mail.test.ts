// The mail module: SMTP through the pooled transport, the outbox folder and its reader, bulk headers.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkMailHeaders, createMailTransport, sendMail } from "@/lib/mail/send";
import { listOutbox, readOutboxMessage } from "@/lib/mail/outbox";
import { startTestSmtpServer, type TestSmtpServer } from "./digest-smtp-server";

let smtp: TestSmtpServer;
let outbox: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  outbox = await mkdtemp(path.join(tmpdir(), "docket-outbox-"));
  process.env.MAIL_FROM = "Docket <news@docket.example>";
  process.env.SITE_NAME = "Docket";
  process.env.SMTP_URL = smtp.url;
});

afterAll(async () => {
  await smtp.close();
});

const message = {
  to: "reader@example.test",
  subject: "Hello – with a dash",
  html: "<p>Hello <strong>reader</strong></p>",
  text: "Hello reader",
};

describe("sendMail", () => {
  it("sends both parts through SMTP_URL with MAIL_FROM and our Message-ID", async () => {
    const sent = await sendMail({ ...message, messageId: "<fixed.1@docket.example>" });
    expect(sent.messageId).toBe("<fixed.1@docket.example>");
    const mail = await simpleParser(smtp.messages.at(-1)?.raw as Buffer);
    expect(mail.from?.text).toBe('"Docket" <news@docket.example>');
    expect(mail.subject).toBe("Hello – with a dash");
    expect(mail.text?.trim()).toBe("Hello reader");
    expect(mail.html).toContain("<strong>reader</strong>");
    expect(mail.messageId).toBe("<fixed.1@docket.example>");
  });
});

describe("the pooled transport", () => {
  it("keeps to the configured rate", async () => {
    const transport = createMailTransport({ smtpUrl: smtp.url, ratePerSecond: 5, maxConnections: 2 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, (_, index) => transport.send({ ...message, to: `rate${index}@example.test` })));
    transport.close();
    // 11 messages at 5 per second need at least two full one-second windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });
});

describe("checking the mail server", () => {
  it("names it by host and port only, and verify() connects without sending", async () => {
    const transport = createMailTransport({ smtpUrl: smtp.url.replace("smtp://", "smtp://someone:pa55word@") });
    const before = smtp.count();
    try {
      expect(transport.server).toBe(smtp.url.replace("smtp://", ""));
      await expect(transport.verify()).resolves.toBeUndefined();
      expect(smtp.count()).toBe(before);
    } finally {
      transport.close();
    }
    expect(createMailTransport({ smtpUrl: "smtps://mail.example" }).server).toBe("mail.example:465");
    expect(createMailTransport({ smtpUrl: "smtp://mail.example" }).server).toBe("mail.example:587");
  });

  it("verify() rejects with the connection error when nothing listens", async () => {
    const transport = createMailTransport({ smtpUrl: "smtp://127.0.0.1:1" });
    try {
      await expect(transport.verify()).rejects.toMatchObject({ command: "CONN", originalCode: "ECONNREFUSED" });
    } finally {
      transport.close();
    }
  });
});

describe("the outbox", () => {
  it("writes .eml files without SMTP and reads them back newest first, parsed", async () => {
    const transport = createMailTransport({ smtpUrl: undefined, outboxDir: outbox });
    expect(transport.kind).toBe("outbox");
    await transport.send({ ...message, subject: "First" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await transport.send({ ...message, subject: "Second", headers: bulkMailHeaders({ siteName: "Docket", oneClickUrl: "https://docket.example/api/unsubscribe?token=t", unsubscribeToken: "unsubscribe.x.0.sig" }) });
    const { total, entries } = await listOutbox({ folder: outbox });
    expect(total).toBe(2);
    const newest = await readOutboxMessage(entries[0].file, outbox);
    expect(newest).toMatchObject({ subject: "Second", to: "reader@example.test", text: "Hello reader" });
    expect(newest?.html).toContain("<strong>reader</strong>");
    expect(newest?.headers.find((header) => header.name === "list-unsubscribe-post")?.value).toBe("List-Unsubscribe=One-Click");
    expect(newest?.headers.find((header) => header.name === "list-unsubscribe")?.value).toBe(
      "<https://docket.example/api/unsubscribe?token=t>, <mailto:news@docket.example?subject=unsubscribe%20unsubscribe.x.0.sig>",
    );
    expect((await readOutboxMessage(entries[1].file, outbox))?.subject).toBe("First");
  });

  it("refuses names that are not outbox files", async () => {
    await writeFile(path.join(outbox, "secret.txt"), "no");
    expect(await readOutboxMessage("../secret.txt", outbox)).toBeNull();
    expect(await readOutboxMessage("secret.txt", outbox)).toBeNull();
    expect(await readOutboxMessage("123-..%2F.eml", outbox)).toBeNull();
    expect((await readdir(outbox)).length).toBe(3);
    expect((await listOutbox({ folder: outbox })).total).toBe(2);
  });
});
