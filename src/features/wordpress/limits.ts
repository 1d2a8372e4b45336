// The category map travels from the admin form in a request header (the body is the export), and
// servers and proxies refuse headers past 8 KB; percent-encoding can triple its length.
export const CATEGORY_MAP_FORM_MAX = 2_000;
