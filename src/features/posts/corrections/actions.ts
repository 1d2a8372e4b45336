"use server";
// Server actions for corrections, through the pipeline in src/lib/action.ts.
import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { addPostCorrection, withdrawPostCorrection } from "./commands";

export async function addPostCorrectionAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(addPostCorrection, form, undefined, { refreshPage: true });
}

export async function withdrawPostCorrectionAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(withdrawPostCorrection, form, undefined, { refreshPage: true });
}
