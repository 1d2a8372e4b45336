// The one pipeline every write goes through: session → access (role) → zod parse → the command's work
// (ownership checks, the mutation, the emails it queues) and its audit entry, in one transaction →
// cache invalidation → a typed result. Each feature declares its operations as commands in commands.ts;
// server actions hand them to runAction (or runFormAction), route handlers to runRoute, tests and jobs
// to runCommand.
import "server-only";
import { refresh, updateTag } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { assertAccess, getCurrentUser, type Access, type SessionUser } from "@/lib/auth";
import { recordAudit, type AuditRecord } from "@/lib/audit";
import { inTransaction } from "@/lib/db";
import { ConflictError, InputError, UserFacingError, type FieldErrors } from "@/lib/errors";
import type { ActionFailure, ActionResult, FormState } from "@/lib/action-result";
import { withoutControlCharactersIn } from "@/lib/control-characters";
import { DatabaseUnavailableError } from "@/lib/database-health";
import { expireTagsNow } from "@/lib/revalidate";

/** What a command reports back: a message, the cache tags its change touched, and data for the caller. */
export type Outcome<Data = undefined> = { message: string; tags?: readonly string[]; redirectTo?: string } & (Data extends undefined
  ? { data?: undefined }
  : { data: Data });

type Actor<A extends Access> = A extends "public" ? SessionUser | null : SessionUser;

export type Command<A extends Access, Input, Data> = {
  access: A;
  input: z.ZodType<Input>;
  run: (input: Input, actor: Actor<A>) => Promise<Outcome<Data>>;
  /**
   * The audit log entries for what the work did (none: null or []), written by the pipeline after the
   * work, in the same transaction, with the actor as who did it.
   */
  audit?: (input: Input, outcome: Outcome<Data>, actor: Actor<A>) => AuditRecord | AuditRecord[] | null;
  /**
   * false for work that cannot sit in one database transaction: a stream read after the command
   * returns (downloads), or a long import with transactions of its own. Its audit entry is written
   * once the work returns.
   */
  transaction?: false;
};

/** Declares a command; the identity function, there for the types. */
export function defineCommand<A extends Access, Input, Data = undefined>(command: Command<A, Input, Data>): Command<A, Input, Data> {
  return command;
}

/** The first message per field (by the first path segment); "form" for issues about the whole input. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return fieldErrors;
}

export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InputError(result.error.issues[0].message, fieldErrorsFrom(result.error));
}

/** The actor, once the command's access rule lets them in; an AuthorizationError otherwise. */
function admit<A extends Access>(command: Command<A, unknown, unknown>, actor: SessionUser | null): Actor<A> {
  return (command.access === "public" ? actor : assertAccess(actor, command.access as Exclude<Access, "public">)) as Actor<A>;
}

async function perform<A extends Access, Input, Data>(command: Command<A, Input, Data>, actor: Actor<A>, rawInput: unknown): Promise<Outcome<Data>> {
  // Control characters mean nothing in text and PostgreSQL cannot store NUL: they leave every string of every input.
  const input = parseInput(command.input, withoutControlCharactersIn(rawInput));
  const work = async () => {
    const outcome = await command.run(input, actor);
    for (const entry of [command.audit?.(input, outcome, actor) ?? []].flat()) await recordAudit({ actorId: actor?.id ?? null, ...entry });
    return outcome;
  };
  return command.transaction === false ? work() : inTransaction(work);
}

/** Runs a command for a given actor, throwing the typed errors: what tests and jobs call. */
export async function runCommand<A extends Access, Input, Data>(command: Command<A, Input, Data>, actor: SessionUser | null, rawInput: unknown): Promise<Outcome<Data>> {
  return perform(command, admit(command as Command<A, unknown, unknown>, actor), rawInput);
}

export const SOMETHING_WENT_WRONG = "Something went wrong on our side. Please try again in a moment.";

/** Errors people can act on become messages; anything else is logged and reported plainly. */
export function toActionFailure(error: unknown): ActionFailure {
  if (error instanceof InputError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof ConflictError) return { ok: false, error: error.message, fieldErrors: {}, conflict: error.current };
  if (error instanceof UserFacingError || error instanceof DatabaseUnavailableError) return { ok: false, error: error.message, fieldErrors: {} };
  console.error(error);
  return { ok: false, error: SOMETHING_WENT_WRONG, fieldErrors: {} };
}

export type ActionOptions = {
  /** Re-render the page the action came from (its server components), e.g. after a state change. */
  refreshPage?: boolean;
};

/** For "use server" functions: the whole pipeline with the session's user. Never throws, except to redirect. */
export async function runAction<A extends Access, Input, Data>(
  command: Command<A, Input, Data>,
  rawInput: unknown,
  options: ActionOptions = {},
): Promise<ActionResult<Data>> {
  let outcome: Outcome<Data>;
  try {
    outcome = await runCommand(command, await getCurrentUser(), rawInput);
  } catch (error) {
    return toActionFailure(error);
  }
  for (const tag of new Set(outcome.tags ?? [])) updateTag(tag);
  if (outcome.redirectTo) redirect(outcome.redirectTo);
  if (options.refreshPage) refresh();
  return { ok: true, message: outcome.message, data: outcome.data as Data };
}

/** The form's text fields (files and repeated names are read by the command's input mapping). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && !(name in values)) values[name] = value;
  return values;
}

/** runAction for a form: the input is built from the FormData, and a failure keeps what was typed. */
export async function runFormAction<A extends Access, Input, Data>(
  command: Command<A, Input, Data>,
  form: FormData,
  toInput: (form: FormData) => unknown | Promise<unknown> = formValues,
  options: ActionOptions & { keepValues?: boolean } = {},
): Promise<FormState<Data>> {
  const values = formValues(form);
  const result = await runAction(command, await toInput(form), options);
  if (!result.ok) return { status: "error", message: result.error, fieldErrors: result.fieldErrors, values };
  return { status: "ok", message: result.message, fieldErrors: {}, values: options.keepValues ? values : {}, data: result.data };
}

/** For route handlers: the HTTP status that goes with a command's error. */
export function httpStatusOf(error: unknown): number {
  if (error instanceof UserFacingError) return error.httpStatus;
  return error instanceof DatabaseUnavailableError ? 503 : 500;
}

const NOT_STORED = { "cache-control": "no-store" };

export type RouteAnswers<Data> = {
  /** The answer to a success; JSON `{ message, data }` with 200 unless given. */
  ok?: (outcome: Outcome<Data>) => Response | Promise<Response>;
  /** The answer to a refusal or failure; JSON `{ error, fieldErrors }` with the error's status unless given. */
  refused?: (failure: ActionFailure, status: number) => Response;
};

/**
 * For route handlers: the whole pipeline with the session's user, answered with an HTTP response.
 * `input` may be a function, called only once the caller is let in: a body is never read for someone
 * who may not send it.
 */
export async function runRoute<A extends Access, Input, Data>(
  command: Command<A, Input, Data>,
  input: unknown | (() => unknown | Promise<unknown>),
  answers: RouteAnswers<Data> = {},
): Promise<Response> {
  let outcome: Outcome<Data>;
  try {
    const actor = admit(command as Command<A, unknown, unknown>, await getCurrentUser());
    outcome = await perform(command, actor, typeof input === "function" ? await input() : input);
  } catch (error) {
    const failure = toActionFailure(error);
    const status = httpStatusOf(error);
    if (answers.refused) return answers.refused(failure, status);
    return Response.json({ error: failure.error, fieldErrors: failure.fieldErrors }, { status, headers: NOT_STORED });
  }
  expireTagsNow([...new Set(outcome.tags ?? [])]);
  if (answers.ok) return answers.ok(outcome);
  return Response.json({ message: outcome.message, data: outcome.data ?? null }, { headers: NOT_STORED });
}

/** A plain-text answer for routes that mail systems and people's browsers call (unsubscribe links). */
export function plainTextAnswer(text: string, status = 200): Response {
  return new Response(`${text}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", ...NOT_STORED } });
}
