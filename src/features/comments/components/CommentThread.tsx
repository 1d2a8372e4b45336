import type { ReactNode } from "react";
import { renderCommentMarkdown } from "@/lib/markdown";
import { paths, safeWebsite } from "@/lib/seo";
import { PostDate } from "@/features/posts/components/PostDate";
import { getCommentsOpen, getThreadSettings, listApprovedComments, nestComments, type CommentNode, type PublicComment } from "../data";
import { CommentForm } from "./CommentForm";
import { OwnPendingComments } from "./OwnPendingComments";
import { ReplyButton, ReplyProvider } from "./ReplyContext";
import styles from "./CommentThread.module.css";

type Props = {
  postId: string;
  /** The approved comments when the page has loaded them already (from `listApprovedComments`). */
  comments?: PublicComment[];
  /** False closes the form whatever the post's settings say. */
  commentsOpen?: boolean;
  postSlug: string;
};

function responsesHeading(count: number): string {
  return count === 1 ? "1 Response" : `${count} Responses`;
}

export function CommentAuthor({ name, url }: { name: string; url: string | null }) {
  const website = safeWebsite(url);
  return (
    <bdi className={styles.author}>
      {website ? (
        <a href={website} rel="nofollow ugc noopener" className={styles.authorLink}>
          {name}
        </a>
      ) : (
        name
      )}
    </bdi>
  );
}

function replyPagePath(postSlug: string, commentId: string): string {
  return `${paths.post(postSlug)}/reply/${encodeURIComponent(commentId)}#respond`;
}

/** One comment as readers see it: name (linking to their website), date (linking to `dateHref`), text. */
export function CommentCard({ comment, dateHref, children }: { comment: PublicComment; dateHref: string; children?: ReactNode }) {
  return (
    <article className={styles.comment} aria-label={`Comment by ${comment.authorName}`}>
      <header className={styles.header}>
        <CommentAuthor name={comment.authorName} url={comment.authorUrl} />
        <a href={dateHref} className={styles.date}>
          <PostDate date={comment.createdAt} />
        </a>
      </header>
      {/* Markdown-lite rendered by the comment sanitizer: links are nofollow, everything else escaped. */}
      <div className={styles.body} dangerouslySetInnerHTML={{ __html: renderCommentMarkdown(comment.body) }} />
      {children}
    </article>
  );
}

type ItemProps = { comment: CommentNode; depth: number; maxDepth: number; open: boolean; postSlug: string };

function CommentItem({ comment, depth, maxDepth, open, postSlug }: ItemProps) {
  return (
    <li id={`comment-${comment.id}`} className={styles.item}>
      <CommentCard comment={comment} dateHref={`#comment-${comment.id}`}>
        {open && depth < maxDepth && <ReplyButton commentId={comment.id} authorName={comment.authorName} replyPageHref={replyPagePath(postSlug, comment.id)} />}
      </CommentCard>
      {comment.replies.length > 0 && (
        <ol className={styles.replies}>
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} depth={depth + 1} maxDepth={maxDepth} open={open} postSlug={postSlug} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The public discussion under a post: approved comments, nested, and the form. Static and cached. */
export async function CommentThread({ postId, postSlug, comments, commentsOpen = true }: Props) {
  const [approved, settings, openByPost] = await Promise.all([
    comments ?? listApprovedComments(postId),
    getThreadSettings(),
    getCommentsOpen(postId),
  ]);
  const open = commentsOpen && openByPost;
  const thread = nestComments(approved);
  return (
    <section id="responses" className={styles.thread} aria-labelledby="responses-heading">
      <ReplyProvider>
        <h2 id="responses-heading" className={styles.heading}>
          {responsesHeading(approved.length)}
        </h2>
        {thread.length > 0 && (
          <ol className={styles.list}>
            {thread.map((comment) => (
              <CommentItem key={comment.id} comment={comment} depth={1} maxDepth={settings.maxDepth} open={open} postSlug={postSlug} />
            ))}
          </ol>
        )}
        <OwnPendingComments postId={postId} />
        {open ? <CommentForm postId={postId} /> : <p className={styles.closed}>Comments are closed.</p>}
      </ReplyProvider>
    </section>
  );
}
