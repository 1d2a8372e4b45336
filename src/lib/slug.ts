// URL slugs for posts, bylines, series, categories and tags.
export const SLUG_MAX = 100;

/** A URL-safe slug from any title: "Why I tweet (part 2)!" → "why-i-tweet-part-2". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}
