"use server";
// Server actions for the legal desk: each hands the session and the form to its command (commands.ts)
// through the one pipeline (src/lib/action.ts). A failed form keeps what was typed.
import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { clearRevision, holdPostForLegalReasons, linkPostToLegalCase, liftLegalHold, markLegalReviewer, saveLegalCase, unlinkPostFromLegalCase } from "./commands";

export async function saveLegalCaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(saveLegalCase, form);
}

export async function linkPostToCaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(linkPostToLegalCase, form, undefined, { refreshPage: true });
}

export async function unlinkPostFromCaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(unlinkPostFromLegalCase, form, undefined, { refreshPage: true });
}

export async function clearRevisionAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(clearRevision, form, undefined, { refreshPage: true });
}

export async function holdPostAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(holdPostForLegalReasons, form, undefined, { refreshPage: true });
}

export async function liftHoldAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(liftLegalHold, form, undefined, { refreshPage: true });
}

export async function markLegalReviewerAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(markLegalReviewer, form, undefined, { refreshPage: true });
}
