// A page's query string as Next hands it over: each name may come once, several times, or not at all.
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, or undefined. */
export function firstParam(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every parameter's first value: what a page's zod schema reads. */
export function firstValues(params: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(params).map((name) => [name, firstParam(params, name)]));
}
