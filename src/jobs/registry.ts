import type { JobDefinition } from "./job";
import { publishScheduledJob } from "./publish-scheduled";

/** Every job the worker runs. Add new jobs here. */
export const jobs: JobDefinition[] = [publishScheduledJob];
