// The form's limit, safe for the browser (no zod).

export const REPLY_TEXT_MAX = 5000;
