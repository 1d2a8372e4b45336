// The preview of an unpublished post: the reader post page's own components under a banner that
// says it is not published. No comments, subscribe box, share links or related posts.
import { ArticleContent } from "@/features/posts/components/ArticleContent";
import { PostDate } from "@/features/posts/components/PostDate";
import { SponsorBlock } from "@/features/posts/components/SponsorBlock";
import type { PreviewedPost } from "../data";
import styles from "./PreviewBanner.module.css";

export function PreviewArticle({ post }: { post: PreviewedPost }) {
  return (
    <article className="article" aria-labelledby="post-title">
      <aside className={styles.banner} aria-label="Preview">
        <p>
          <strong>Preview: not published</strong>
        </p>
        <p>This is the latest saved text, shared for review. It may change before it is published; please do not pass the link on.</p>
      </aside>
      <ArticleContent
        post={post}
        meta={
          <>
            Last saved <PostDate date={post.updatedAt} />
            <span aria-hidden="true"> · </span>
            {post.readingMinutes} min read
          </>
        }
      />
      {post.category && <SponsorBlock sponsor={post.category.sponsor} />}
    </article>
  );
}
