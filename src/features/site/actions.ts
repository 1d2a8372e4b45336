"use server";
import { runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { saveSiteSettings } from "./commands";

export async function saveSiteSettingsAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(saveSiteSettings, form);
}
