"use client";

import { useEffect, useState } from "react";
import { COMMENTS_CHANGED_EVENT } from "./ReplyContext";
import styles from "./CommentThread.module.css";

type OwnComment = { id: string; authorName: string; html: string; inReplyTo: string | null };

/**
 * The comments this browser sent that await moderation, listed from the signed cookie by
 * /api/comments/mine. Loaded in the browser because the post page itself is static and shared.
 */
export function OwnPendingComments({ postId }: { postId: string }) {
  const [comments, setComments] = useState<OwnComment[]>([]);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      fetch(`/api/comments/mine?postId=${encodeURIComponent(postId)}`, { cache: "no-store" })
        .then((response) => (response.ok ? response.json() : { comments: [] }))
        .then((body: { comments: OwnComment[] }) => {
          if (!cancelled) setComments(body.comments);
        })
        .catch(() => {});
    void load();
    window.addEventListener(COMMENTS_CHANGED_EVENT, load);
    return () => {
      cancelled = true;
      window.removeEventListener(COMMENTS_CHANGED_EVENT, load);
    };
  }, [postId]);
  if (comments.length === 0) return null;
  return (
    <ol className={styles.list} aria-label="Your comments awaiting moderation">
      {comments.map((comment) => (
        <li key={comment.id} id={`comment-${comment.id}`} className={`${styles.item} ${styles.pending}`}>
          <article className={styles.comment}>
            <header className={styles.header}>
              <bdi className={styles.author}>{comment.authorName}</bdi>
              {comment.inReplyTo && (
                <span className={styles.date}>
                  in reply to <bdi>{comment.inReplyTo}</bdi>
                </span>
              )}
            </header>
            <p className={styles.awaiting}>Your comment is awaiting moderation.</p>
            <div className={styles.body} dangerouslySetInnerHTML={{ __html: comment.html }} />
          </article>
        </li>
      ))}
    </ol>
  );
}
