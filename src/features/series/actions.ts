"use server";

import { runAction, runFormAction } from "@/lib/action";
import type { ActionResult, FormState } from "@/lib/action-result";
import { archiveSeries, createSeries, deleteSeries, reorderSeries, saveSeries } from "./commands";

export async function reorderSeriesAction(seriesId: string, postIds: string[]): Promise<ActionResult> {
  return runAction(reorderSeries, { seriesId, postIds }, { refreshPage: true });
}

export async function createSeriesAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(createSeries, form);
}

export async function saveSeriesAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(saveSeries, form, undefined, { refreshPage: true, keepValues: true });
}

export async function archiveSeriesAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(archiveSeries, form, undefined, { refreshPage: true });
}

export async function deleteSeriesAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(deleteSeries, form);
}
