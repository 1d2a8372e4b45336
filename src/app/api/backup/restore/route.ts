import { runRoute } from "@/lib/action";
import { decodedHeader } from "@/lib/request-body";
import { restoreSiteBackupCommand } from "@/features/backup/commands";

/**
 * Restores the backup sent as the request body (the file itself, not a form) into this empty site.
 * A refused file answers 400 with the reason (damaged, cut short, altered, a row or file that cannot be
 * restored), a site with content or another version 409; nothing is written then.
 */
export async function POST(request: Request) {
  return runRoute(restoreSiteBackupCommand, () => ({ body: request.body, fileName: decodedHeader(request, "x-file-name", "backup") }), {
    ok: ({ message }) => Response.json({ message }, { headers: { "cache-control": "no-store" } }),
  });
}
