// How long a menu link's label and address may be: no zod here, so the menu editor's browser code does not carry it.
export const LABEL_MAX = 60;
export const URL_MAX = 500;
