// The errors a command raises for the person at the form. The action pipeline (src/lib/action.ts)
// tells them apart with instanceof: their messages are safe to show; anything else is logged.

export type FieldErrors = Record<string, string>;

/**
 * A refusal the person can read: the thing is gone, changed meanwhile, or cannot be done now. A route
 * handler answers it with `httpStatus` (409, a conflict, unless the command says otherwise: 404, 413, 429…).
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number = 409,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: a message for the form and, where known, one per field. */
export class InputError extends UserFacingError {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message, 400);
  }
}

export type AuthorizationFailure = "SIGNED_OUT" | "FORBIDDEN";

export const NOT_ALLOWED = "You are not allowed to do that.";

/** The caller may not do this: signed out, the wrong role, or not their post. */
export class AuthorizationError extends UserFacingError {
  constructor(
    readonly failure: AuthorizationFailure,
    message = failure === "SIGNED_OUT" ? "Please sign in again: your session has ended." : NOT_ALLOWED,
  ) {
    super(message, failure === "SIGNED_OUT" ? 401 : 403);
  }
}

/**
 * The thing was changed by someone else since the caller read it (a save from an older version):
 * `current` is what it holds now, for the caller to show beside its own.
 */
export class ConflictError<Current = unknown> extends UserFacingError {
  constructor(
    message: string,
    readonly current: Current,
  ) {
    super(message);
  }
}
