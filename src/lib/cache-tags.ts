// Cache tags for reader pages: mutations and jobs invalidate these when content changes.
// Every reader data function carries `site` plus the tags of each kind of thing it shows, so a
// mutation may invalidate precisely (post:slug) or broadly (posts, authors, site).
export const tags = {
  /** Everything a reader can see. */
  site: "site",
  /** Any list or page that shows posts: publish, edit or unpublish invalidates this. */
  posts: "posts",
  post: (slug: string) => `post:${slug}`,
  /** Series pages, the series list, series boxes on posts. */
  allSeries: "series",
  series: (slug: string) => `series:${slug}`,
  /** Bylines and author pages. */
  authors: "authors",
  author: (slug: string) => `author:${slug}`,
  /** Category names, sponsor blocks and category pages. */
  categories: "categories",
  category: (slug: string) => `category:${slug}`,
  postTags: "tags",
  tag: (slug: string) => `tag:${slug}`,
  /** Approved comment threads and comment counts. */
  allComments: "comments",
  comments: (postId: string) => `comments:${postId}`,
  /** The comment rules (reply depth, closing) that threads show. */
  commentSettings: "settings:comments",
  /** Old addresses that redirect (to posts, series, categories, tags, authors, pages). */
  redirects: "redirects",
};
