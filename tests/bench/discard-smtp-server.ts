// The benchmark's SMTP server in a process of its own, so receiving mail does not compete with the
// sender for its event loop. It accepts and discards, answering the parent's "count" with how many,
// "recipients" with how many messages each address got, and {killAt: {pid, count}} by SIGKILLing that
// process when the count-th message has arrived (before answering it), as a crash would.
import { startTestSmtpServer } from "../integration/digest-smtp-server";

const perRecipient = new Map<string, number>();
let killAt: { pid: number; count: number } | null = null;

const server = await startTestSmtpServer({
  keep: false,
  beforeAccept: (message, count) => {
    for (const address of message.to) perRecipient.set(address, (perRecipient.get(address) ?? 0) + 1);
    if (killAt && count >= killAt.count) {
      try {
        process.kill(killAt.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      killAt = null;
    }
  },
});

type Command = "count" | "recipients" | "close" | { killAt: { pid: number; count: number } };

process.on("message", (message: Command) => {
  if (message === "count") process.send?.({ count: server.count() });
  if (message === "recipients") process.send?.({ recipients: [...perRecipient] });
  if (message === "close") void server.close().then(() => process.exit(0));
  if (typeof message === "object" && "killAt" in message) {
    killAt = message.killAt;
    process.send?.({ armed: true });
  }
});
process.send?.({ url: server.url });
