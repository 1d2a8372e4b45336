"use server";
// Server actions for right of reply, through the pipeline in src/lib/action.ts.
import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { publishReplyResponse, recordReplyRequest, recordReplyResponseCommand } from "./commands";

export async function recordReplyRequestAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(recordReplyRequest, form, undefined, { refreshPage: true });
}

export async function recordReplyResponseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(recordReplyResponseCommand, form, undefined, { refreshPage: true });
}

export async function publishReplyResponseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(publishReplyResponse, form, undefined, { refreshPage: true });
}
