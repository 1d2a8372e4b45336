// The benchmark's SMTP server in a process of its own, so receiving mail does not compete with the
// sender for its event loop. It accepts and discards, answering the parent's "count" with how many.
import { startTestSmtpServer } from "../integration/digest-smtp-server";

const server = await startTestSmtpServer({ keep: false });
process.on("message", (message) => {
  if (message === "count") process.send?.({ count: server.count() });
  if (message === "close") void server.close().then(() => process.exit(0));
});
process.send?.({ url: server.url });
