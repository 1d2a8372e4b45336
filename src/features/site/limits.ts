// Limits the settings form shows as they are typed in: no zod here, so the form's browser code does not carry it.
export const NAME_MAX = 80;
export const TAGLINE_MAX = 160;
export const DESCRIPTION_MAX = 300;
export const FOOTER_TEXT_MAX = 500;
