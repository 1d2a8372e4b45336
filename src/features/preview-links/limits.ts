// How long a preview link may work: no zod here, so the form's browser code does not carry it.
export const PREVIEW_DAYS = { min: 1, max: 30, default: 7 } as const;
