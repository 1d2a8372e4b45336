// Sending a run's uncertain deliveries again, at an editor's request (the admin's digest page, or
// `npm run digest -- --resend-uncertain RUN_ID`). The deliveries become PENDING; a worker sends them
// with the same Message-ID as the first attempt.
import "server-only";
import { UserFacingError } from "@/lib/errors";
import { countUncertainByCause, findDigestRun } from "./data";
import { recountDigestRun, reopenUncertainDeliveries, STOPPED_MID_TRANSACTION } from "./mutations";

const REOPENED_NOTE = "Sent again at an editor's request: the first attempt's fate was unknown, so this person may have two copies.";

const emails = (count: number) => `${count} ${count === 1 ? "email" : "emails"}`;

/**
 * What an editor reads before resending, in the admin and on the command line: what the run recorded
 * of its uncertain deliveries, and no guess at how many arrived (the run cannot know).
 */
export async function describeUncertainDeliveries(runId: string): Promise<string> {
  const { workerStopped, connectionBroke } = await countUncertainByCause(runId, STOPPED_MID_TRANSACTION);
  const causes = [
    workerStopped > 0 ? `${emails(workerStopped)} the worker was sending when it stopped (each the one message on its connection to the mail server)` : null,
    connectionBroke > 0 ? `${emails(connectionBroke)} whose connection to the mail server broke in the middle of the message` : null,
  ].filter(Boolean);
  return (
    `This run recorded ${causes.join(", and ")}. For each, the server's answer never reached Docket, so the run does not know ` +
    "whether the server took it: some of these people may have this digest already, and they will get it a second time. " +
    "The copy carries the same Message-ID as the first, so many mail programs show the two as one; others show both."
  );
}

/** Makes the run's UNCERTAIN deliveries PENDING again. Returns how many. */
export async function requestUncertainResend(runId: string): Promise<number> {
  const run = await findDigestRun(runId);
  if (!run) throw new UserFacingError("There is no digest run with that id.");
  const reopened = await reopenUncertainDeliveries(run.id, REOPENED_NOTE);
  if (reopened === 0) throw new UserFacingError("This run has no uncertain deliveries to send again.");
  await recountDigestRun(run.id);
  return reopened;
}
