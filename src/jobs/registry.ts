import type { JobDefinition } from "./job";
import { digestJob, digestResumeJob } from "./digest";
import { publishScheduledJob } from "./publish-scheduled";
import { commentJobs } from "./comments-housekeeping";

/** Every job the worker runs. Add new jobs here. */
export const jobs: JobDefinition[] = [publishScheduledJob, digestJob, digestResumeJob, ...commentJobs];
