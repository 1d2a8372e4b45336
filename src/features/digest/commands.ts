// Digest operations as commands (src/lib/action.ts).
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { UserFacingError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/queue";
import { buildDigestPreview } from "./preview";
import { requestUncertainResend } from "./resend";
import { resendUncertainInput } from "./schema";

/** Emails the preview of tomorrow's digest to the signed-in editor's own address, through the mail queue. */
export const sendTestDigest = defineCommand({
  access: "digest.manage",
  input: z.object({}),
  async run(_input, editor) {
    const preview = await buildDigestPreview();
    if (!preview) throw new UserFacingError("There are no published posts yet, so there is nothing to send.");
    await queueMail({ ...preview.message, to: editor.email, subject: `[Test] ${preview.message.subject}`, messageId: undefined });
    return { message: `Test digest queued for ${editor.email}: the worker sends it within a minute.` };
  },
  audit: () => ({ action: "digest.test-sent", entityType: "DigestRun", entityId: "preview" }),
});

/**
 * Sends a run's uncertain deliveries again (the worker does it at its next check, within 10 minutes).
 * Some of those people have the digest already: the form says so and asks for a tick first.
 */
export const resendUncertainDigest = defineCommand({
  access: "digest.manage",
  input: resendUncertainInput,
  async run({ runId }) {
    const count = await requestUncertainResend(runId);
    return {
      message: `${count} ${count === 1 ? "delivery" : "deliveries"} will be sent again by the worker at its next check, within 10 minutes.`,
      data: { deliveries: count },
    };
  },
  audit: ({ runId }, { data }) => ({ action: "digest.resendUncertain", entityType: "DigestRun", entityId: runId, details: { deliveries: data.deliveries, via: "admin" } }),
});
