import { httpStatusOf, runCommand, toActionFailure } from "@/lib/action";
import { getCurrentUser } from "@/lib/auth";
import { decodedHeader } from "@/lib/request-body";
import { restoreSiteBackupCommand } from "@/features/backup/commands";

/**
 * Restores the backup sent as the request body (the file itself, not a form) into this empty site.
 * A refused file answers 400 with the reason (damaged, cut short, altered, a row or file that cannot be
 * restored), a site with content or another version 409; nothing is written then.
 */
export async function POST(request: Request) {
  try {
    const user = await getCurrentUser();
    const outcome = await runCommand(restoreSiteBackupCommand, user, { body: request.body, fileName: decodedHeader(request, "x-file-name", "backup") });
    return Response.json({ message: outcome.message }, { status: 200 });
  } catch (error) {
    return Response.json({ error: toActionFailure(error).error }, { status: httpStatusOf(error) });
  }
}
