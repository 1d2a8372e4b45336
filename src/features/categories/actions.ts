"use server";

import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { createCategory, deleteCategory, saveCategory } from "./commands";

export async function createCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(createCategory, form);
}

export async function saveCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(saveCategory, form, undefined, { refreshPage: true, keepValues: true });
}

export async function deleteCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(deleteCategory, form);
}
