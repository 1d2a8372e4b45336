import type { ReactNode } from "react";
import { nestComments, type CommentNode, type PublicComment } from "@/features/comments/data";
import { renderCommentMarkdown } from "@/lib/markdown";
import { formatUkDate, isoDate } from "@/lib/uk-date";

function responsesLabel(count: number): string {
  if (count === 0) return "No responses yet";
  return count === 1 ? "1 Response" : `${count} Responses`;
}

/** Comment markdown goes through the comment pipeline (markdown-lite, sanitized): nothing active survives. */
function CommentBody({ body }: { body: string }) {
  return <div className="comment__body" dangerouslySetInnerHTML={{ __html: renderCommentMarkdown(body) }} />;
}

function CommentAuthor({ comment }: { comment: PublicComment }) {
  const url = comment.authorUrl && /^https?:\/\//i.test(comment.authorUrl) ? comment.authorUrl : null;
  return url ? (
    <a href={url} rel="nofollow ugc noopener" className="comment__author">
      {comment.authorName}
    </a>
  ) : (
    <span className="comment__author">{comment.authorName}</span>
  );
}

function CommentItem({ comment }: { comment: CommentNode }) {
  return (
    <li className="comment" id={`comment-${comment.id}`}>
      <article aria-label={`Response from ${comment.authorName}`}>
        <p className="comment__meta">
          <CommentAuthor comment={comment} />{" "}
          <a href={`#comment-${comment.id}`} className="comment__date">
            <time dateTime={isoDate(comment.createdAt)}>{formatUkDate(comment.createdAt)}</time>
          </a>
        </p>
        <CommentBody body={comment.body} />
      </article>
      {comment.replies.length > 0 && (
        <ol className="comment-list comment-list--replies">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} />
          ))}
        </ol>
      )}
    </li>
  );
}

/**
 * The approved responses to a post, nested, with their count as the heading. `form` is where the
 * comment form goes (the comments feature supplies it).
 */
export function CommentThread({ comments, form }: { comments: PublicComment[]; form?: ReactNode }) {
  const thread = nestComments(comments);
  return (
    <section className="responses" id="responses" aria-labelledby="responses-heading">
      <h2 id="responses-heading">{responsesLabel(comments.length)}</h2>
      {thread.length > 0 && (
        <ol className="comment-list">
          {thread.map((comment) => (
            <CommentItem key={comment.id} comment={comment} />
          ))}
        </ol>
      )}
      <div className="comment-form-slot">{form}</div>
    </section>
  );
}
