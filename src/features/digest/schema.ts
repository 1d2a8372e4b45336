// Inputs of the digest's operations.
import { z } from "zod";
import { checkbox } from "@/lib/form-fields";

export const digestRunId = z.string().trim().min(1, "Choose a digest run.").max(60).regex(/^[\w-]+$/, "That is not a digest run id.");

export const resendUncertainInput = z.object({
  runId: digestRunId,
  confirmed: checkbox.refine((ticked) => ticked, "Tick the box to confirm that some people may get this digest twice."),
});
