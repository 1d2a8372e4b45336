import { httpStatusOf, runCommand, toActionFailure } from "@/lib/action";
import { getCurrentUser } from "@/lib/auth";
import { restoreSiteBackupCommand } from "@/features/backup/commands";

/** Restores the backup sent as the request body (the file itself, not a form) into this empty site. */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  try {
    const outcome = await runCommand(restoreSiteBackupCommand, user, { body: request.body, fileName: request.headers.get("x-file-name") ?? "backup" });
    return Response.json({ message: outcome.message }, { status: 200 });
  } catch (error) {
    return Response.json({ error: toActionFailure(error).error }, { status: httpStatusOf(error) });
  }
}
