"use server";

import { runAction } from "@/lib/action";
import type { ActionResult } from "@/lib/action-result";
import { reorderSeries } from "./commands";

export async function reorderSeriesAction(seriesId: string, postIds: string[]): Promise<ActionResult> {
  return runAction(reorderSeries, { seriesId, postIds }, { refreshPage: true });
}
