// The one server-action pipeline: session → access (role) → zod parse → the command's work (ownership
// checks, the mutation, the audit entry, emails) → cache invalidation → a typed result. Each feature
// declares its operations as commands in commands.ts; its actions.ts hands them to runAction.
import "server-only";
import { refresh, updateTag } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { assertAccess, getCurrentUser, type Access, type SessionUser } from "@/lib/auth";
import { AuthorizationError, ConflictError, InputError, UserFacingError, type FieldErrors } from "@/lib/errors";
import type { ActionFailure, ActionResult, FormState } from "@/lib/action-result";
import { withoutControlCharactersIn } from "@/lib/control-characters";
import { DatabaseUnavailableError } from "@/lib/database-health";

/** What a command reports back: a message, the cache tags its change touched, and data for the caller. */
export type Outcome<Data = undefined> = { message: string; tags?: readonly string[]; redirectTo?: string } & (Data extends undefined
  ? { data?: undefined }
  : { data: Data });

type Actor<A extends Access> = A extends "public" ? SessionUser | null : SessionUser;

export type Command<A extends Access, Input, Data> = {
  access: A;
  input: z.ZodType<Input>;
  run: (input: Input, actor: Actor<A>) => Promise<Outcome<Data>>;
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

/** Runs a command for a given actor, throwing the typed errors: what tests and jobs call. */
export async function runCommand<A extends Access, Input, Data>(command: Command<A, Input, Data>, actor: SessionUser | null, rawInput: unknown): Promise<Outcome<Data>> {
  const allowed = (command.access === "public" ? actor : assertAccess(actor, command.access as Exclude<Access, "public">)) as Actor<A>;
  // Control characters mean nothing in text and PostgreSQL cannot store NUL: they leave every string of every input.
  return command.run(parseInput(command.input, withoutControlCharactersIn(rawInput)), allowed);
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
  if (error instanceof AuthorizationError) return error.failure === "SIGNED_OUT" ? 401 : 403;
  if (error instanceof InputError) return 400;
  if (error instanceof UserFacingError) return 409;
  if (error instanceof DatabaseUnavailableError) return 503;
  return 500;
}
