"use server";

import { AuthorizationError, authorizeAction } from "@/lib/auth";
import { newMessageId, sendMail } from "@/lib/mail";
import { buildDigestPreview } from "./preview";

export type TestSendState = { status: "idle" | "sent" | "error"; message: string };

/** Editors only: emails the preview of tomorrow's digest to the signed-in editor's own address. */
export async function sendTestDigestAction(): Promise<TestSendState> {
  let user;
  try {
    user = await authorizeAction("EDITOR", "ADMIN");
  } catch (error) {
    if (error instanceof AuthorizationError) return { status: "error", message: error.message };
    throw error;
  }
  const preview = await buildDigestPreview();
  if (!preview) return { status: "error", message: "There are no published posts yet, so there is nothing to send." };
  try {
    await sendMail({ ...preview.message, to: user.email, subject: `[Test] ${preview.message.subject}`, messageId: newMessageId() });
  } catch (error) {
    return { status: "error", message: `The mail server refused the test: ${(error as Error).message}` };
  }
  return { status: "sent", message: `Test digest sent to ${user.email}.` };
}
