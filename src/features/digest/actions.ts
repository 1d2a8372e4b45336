"use server";

import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { resendUncertainDigest, sendTestDigest } from "./commands";

export async function sendTestDigestAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(sendTestDigest, form, () => ({}));
}

export async function resendUncertainDigestAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(resendUncertainDigest, form, undefined, { refreshPage: true });
}
