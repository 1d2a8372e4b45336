// The form's limit, safe for the browser (no zod).

export const CORRECTION_TEXT_MAX = 2000;
