"use server";

import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { sendTestDigest } from "./commands";

export async function sendTestDigestAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(sendTestDigest, form, () => ({}));
}
