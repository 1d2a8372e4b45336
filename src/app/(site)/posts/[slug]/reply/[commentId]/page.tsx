// Replying without JavaScript: the thread's "Reply" links lead here, where the form takes the reply.
// Static like the post page: rendered on the first request, then served from the cache.
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { paths, readerPageMetadata } from "@/lib/seo";
import { findReplyTarget, getCommentsOpen } from "@/features/comments/data";
import { CommentCard } from "@/features/comments/components/CommentThread";
import { CommentForm } from "@/features/comments/components/CommentForm";
import { ReplyProvider } from "@/features/comments/components/ReplyContext";
import styles from "@/features/comments/components/CommentThread.module.css";
import { NotFoundContent } from "../../../../_components/NotFoundContent";

export const ensureStatic = "navigation";


/** Nothing is built ahead: each reply page renders on its first request. */
export function generateStaticParams() {
  return [{ slug: "-", commentId: "-" }];
}

type Props = { params: Promise<{ slug: string; commentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, commentId } = await params;
  return {
    title: "Reply to a comment",
    robots: { index: false, follow: false },
    ...readerPageMetadata({ path: `${paths.post(slug)}/reply/${encodeURIComponent(commentId)}`, canonical: false }),
  };
}

const idSchema = z.string().min(1).max(40);

export default async function ReplyPage({ params }: Props) {
  const { slug, commentId } = await params;
  const id = idSchema.safeParse(commentId);
  const comment = id.success ? await findReplyTarget(slug, id.data) : null;
  if (!comment) return <NotFoundContent />;
  const open = await getCommentsOpen(comment.post.id);
  const onThePost = `${paths.post(comment.post.slug)}#comment-${comment.id}`;
  return (
    <div className="article">
      <header className="page-head">
        <h1>
          Reply to <bdi>{comment.authorName}</bdi>
        </h1>
        <p className="page-head__lede">
          On <Link href={onThePost}>{comment.post.title}</Link>
        </p>
      </header>
      <CommentCard comment={comment} dateHref={onThePost} />
      {open ? (
        <ReplyProvider initialTarget={{ id: comment.id, authorName: comment.authorName }}>
          <CommentForm postId={comment.post.id} cancelHref={onThePost} />
        </ReplyProvider>
      ) : (
        <p className={styles.closed}>Comments are closed.</p>
      )}
    </div>
  );
}
