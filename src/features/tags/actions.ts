"use server";

import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { deleteTag, mergeTags, renameTag } from "./commands";

export async function renameTagAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(renameTag, form, undefined, { refreshPage: true, keepValues: true });
}

export async function mergeTagsAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(mergeTags, form);
}

export async function deleteTagAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(deleteTag, form);
}
