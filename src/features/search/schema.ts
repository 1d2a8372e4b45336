// What a search request may carry: shared by the results page and src/proxy.ts.
export const SEARCH_QUERY_MAX = 200;

/** Page numbers 1-9999; anything else is page 1. */
export function parseSearchPage(value: string | null | undefined): number {
  return value && /^[1-9]\d{0,3}$/.test(value) ? Number(value) : 1;
}
