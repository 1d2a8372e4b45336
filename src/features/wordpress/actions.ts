"use server";
import { rm } from "node:fs/promises";
import { redirect } from "next/navigation";
import { after } from "next/server";
import type { FormState } from "@/lib/action-result";
import { runFormAction } from "@/lib/action";
import { getCurrentUser } from "@/lib/auth";
import { continueWordPressImport } from "./commands";
import { runWordPressImport } from "./import/run";

/** The author step's form: links the ticked authors, then carries the import on after answering. */
export async function continueImportAction(_previous: FormState, form: FormData): Promise<FormState> {
  const state = await runFormAction(continueWordPressImport, form, (data) => ({ runId: data.get("runId"), link: data.getAll("link") }));
  if (state.status !== "ok" || !state.data) return state;
  const { runId, file, source, options } = state.data;
  const user = await getCurrentUser();
  after(async () => {
    await runWordPressImport(file, source, options, user?.id ?? null, runId).catch(() => null);
    await rm(file, { force: true });
  });
  redirect(`/admin/import/${runId}`);
}
