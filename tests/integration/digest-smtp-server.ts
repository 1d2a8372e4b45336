// A real SMTP server (smtp-server) for the mail and digest tests and the digest benchmark: it accepts
// (keeping or discarding) messages, and can answer chosen recipients with 4xx or 5xx replies.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type ReceivedMessage = { to: string[]; raw: Buffer };

export type TestSmtpServerOptions = {
  /** Listen here (default: any free port). */
  port?: number;
  /** Keep each message's bytes (tests) or count and drop them (benchmark). */
  keep?: boolean;
  /** A reply code for a recipient, or undefined to accept. Called for every RCPT TO. */
  rejectRecipient?: (address: string) => number | undefined;
  /** Runs at every RCPT TO before it is answered (the client waits): the message has not begun. */
  beforeRecipient?: (address: string) => void | Promise<void>;
  /** Runs after a message is received and before it is acknowledged. */
  beforeAccept?: (message: ReceivedMessage, count: number) => void | Promise<void>;
};

export type TestSmtpServer = {
  url: string;
  port: number;
  messages: ReceivedMessage[];
  count: () => number;
  /** Connections open right now. */
  openConnections: () => number;
  close: () => Promise<void>;
};

export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  let count = 0;
  let open = 0;
  const server = new SMTPServer({
    onConnect(_session, callback) {
      open += 1;
      callback();
    },
    onClose() {
      open -= 1;
    },
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    closeTimeout: 200,
    size: 10 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const answer = () => {
        const code = options.rejectRecipient?.(address.address);
        if (code === undefined) return callback();
        const error = Object.assign(new Error(code >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: code });
        callback(error);
      };
      if (!options.beforeRecipient) return answer();
      Promise.resolve(options.beforeRecipient(address.address)).then(answer, (error: Error) => callback(error));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (options.keep !== false) chunks.push(chunk);
      });
      stream.on("end", async () => {
        count += 1;
        const message = { to: session.envelope.rcptTo.map((entry) => entry.address), raw: Buffer.concat(chunks) };
        if (options.keep !== false) messages.push(message);
        try {
          await options.beforeAccept?.(message, count);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    count: () => count,
    openConnections: () => open,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
