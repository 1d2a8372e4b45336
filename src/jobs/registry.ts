import type { JobDefinition } from "./job";
import { digestJob } from "./digest";
import { publishScheduledJob } from "./publish-scheduled";

/** Every job the worker runs. Add new jobs here. */
export const jobs: JobDefinition[] = [publishScheduledJob, digestJob];
