// The category map travels from the admin form in a request header (the body is the export), and
// servers and proxies refuse headers past 8 KB; percent-encoding can triple its length.
export const CATEGORY_MAP_FORM_MAX = 2_000;

/**
 * What the WXR reader holds of one value and one record (an item with its comments and meta), and how
 * deep it lets elements nest. WordPress writes a post's HTML escaped, so a real export nests a few
 * levels; a post's text past a megabyte is more than Docket could render or anyone edit (a post holds at
 * most 150,000 characters of markdown). Past these, a record is reported and skipped, unread.
 */
export const WXR_LIMITS = { valueCharacters: 1_000_000, recordCharacters: 16_000_000, depth: 256 };
