// Sending a run's uncertain deliveries again, at an editor's request (the admin's digest page, or
// `npm run digest -- --resend-uncertain RUN_ID`). The deliveries become PENDING; a worker sends them
// with the same Message-ID as the first attempt.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { UserFacingError } from "@/lib/errors";
import { findDigestRun } from "./data";
import { recountDigestRun, reopenUncertainDeliveries } from "./mutations";

/** What an editor reads before resending, in the admin and on the command line. */
export const RESEND_UNCERTAIN_WARNING =
  "Each of these emails was handed to the mail server, and the worker stopped before it heard whether the server took it. " +
  "Most of these people probably have this digest already, and they will get it a second time. " +
  "The copy carries the same Message-ID as the first, so many mail programs show the two as one; others show both.";

const REOPENED_NOTE = "Sent again at an editor's request: the first attempt's fate was unknown, so this person may have two copies.";

/** Makes the run's UNCERTAIN deliveries PENDING again and records who asked. Returns how many. */
export async function requestUncertainResend(runId: string, actor: { id: string } | null, via: "admin" | "command line"): Promise<number> {
  const run = await findDigestRun(runId);
  if (!run) throw new UserFacingError("There is no digest run with that id.");
  const reopened = await reopenUncertainDeliveries(run.id, REOPENED_NOTE);
  if (reopened === 0) throw new UserFacingError("This run has no uncertain deliveries to send again.");
  await recountDigestRun(run.id);
  await recordAudit({ actorId: actor?.id ?? null, action: "digest.resendUncertain", entityType: "DigestRun", entityId: run.id, details: { deliveries: reopened, via } });
  return reopened;
}
