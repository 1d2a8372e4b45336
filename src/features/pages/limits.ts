// Limits the page forms show as they are typed in: no zod here, so the page editor's browser code does not carry it.
export const TITLE_MAX = 160;
export const DESCRIPTION_MAX = 300;
export const DOWNLOAD_TITLE_MAX = 120;
