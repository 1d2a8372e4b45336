import type { PgBoss, QueueOptions } from "pg-boss";

/** A background job: a pg-boss queue, its handler, and optionally a cron schedule. */
export type JobDefinition = {
  name: string;
  /** Cron expression, evaluated in `timezone`; read again every minute (a setting may change it). */
  cron?: () => string | Promise<string>;
  timezone?: () => string | Promise<string>;
  /** The queue's options, read when the worker starts (pg-boss defaults: a job active for 15 minutes is expired and retried twice). */
  queue?: () => QueueOptions;
  /** Jobs of this queue run at once in one worker (1 unless given). */
  concurrency?: number;
  handler: (data: unknown, boss: PgBoss) => Promise<void>;
};
