"use server";
// Server actions for preview links, through the pipeline in src/lib/action.ts.
import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { makePreviewLink, withdrawPreviewLink } from "./commands";

export async function makePreviewLinkAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(makePreviewLink, form, undefined, { refreshPage: true, keepValues: true });
}

export async function withdrawPreviewLinkAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(withdrawPreviewLink, form, undefined, { refreshPage: true });
}
