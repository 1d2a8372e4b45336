import type { JobDefinition } from "./job";
import { digestJob, digestResumeJob } from "./digest";
import { publishScheduledJob } from "./publish-scheduled";
import { commentJobs } from "./comments-housekeeping";
import { mailJob } from "./mail";
import { signInLinkJob } from "./sign-in-link";
import { complaintRemindersJob } from "./complaint-reminders";

/** Every job the worker runs. Add new jobs here. */
export const jobs: JobDefinition[] = [mailJob, signInLinkJob, publishScheduledJob, digestJob, digestResumeJob, ...commentJobs, complaintRemindersJob];
