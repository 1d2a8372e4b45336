// Cache tags for reader pages: mutations and jobs invalidate these when content changes.
export const tags = {
  posts: "posts",
  post: (slug: string) => `post:${slug}`,
  series: (slug: string) => `series:${slug}`,
  comments: (postId: string) => `comments:${postId}`,
};
