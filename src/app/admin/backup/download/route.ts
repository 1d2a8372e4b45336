import { PassThrough, Readable } from "node:stream";
import { httpStatusOf, runCommand, toActionFailure } from "@/lib/action";
import { getCurrentUser } from "@/lib/auth";
import { downloadSiteBackup } from "@/features/backup/commands";

/** The whole site as a gzip-compressed JSON backup, streamed (ADMIN only). */
export async function GET() {
  const user = await getCurrentUser();
  const output = new PassThrough();
  const running = runCommand(downloadSiteBackup, user, { output });
  // A refusal comes before anything is written: answer it with its status rather than a broken download.
  const first = await Promise.race([running.then(() => "done" as const), new Promise<"streaming">((resolve) => output.once("readable", () => resolve("streaming")))]).catch(
    (error: unknown) => error,
  );
  if (first !== "streaming" && first !== "done") {
    return new Response(`${toActionFailure(first).error}\n`, { status: httpStatusOf(first), headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  running.catch((error: unknown) => output.destroy(error as Error));
  const date = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(output) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="docket-backup-${date}.json.gz"`,
      "cache-control": "no-store",
    },
  });
}
