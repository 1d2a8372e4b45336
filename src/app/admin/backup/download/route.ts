import { Readable } from "node:stream";
import { plainTextAnswer, runRoute } from "@/lib/action";
import { downloadSiteBackup } from "@/features/backup/commands";

/** The whole site as a gzip-compressed JSON backup, streamed (ADMIN only). */
export async function GET() {
  const date = new Date().toISOString().slice(0, 10);
  return runRoute(downloadSiteBackup, {}, {
    ok: ({ data }) =>
      new Response(Readable.toWeb(data.backup) as ReadableStream<Uint8Array>, {
        headers: {
          "content-type": "application/gzip",
          "content-disposition": `attachment; filename="docket-backup-${date}.json.gz"`,
          "cache-control": "no-store",
        },
      }),
    refused: (failure, status) => plainTextAnswer(failure.error, status),
  });
}
