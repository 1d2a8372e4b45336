// Right of reply on a post's admin page (editors): each request with its state, the forms that record
// a request and a response, and the button that publishes a response under the post.
import { formatUkDate } from "@/lib/london-time";
import { can } from "@/lib/permissions";
import type { SessionUser } from "@/lib/auth";
import { listReplyRequests } from "../data";
import { PublishReplyButton, ReplyRequestForm, ReplyResponseForm } from "./reply-forms";
import styles from "../../corrections/components/CorrectionsPanel.module.css";

function stateOf(request: Awaited<ReturnType<typeof listReplyRequests>>[number], now: Date): string {
  if (request.publishedAt) return `Response published ${formatUkDate(request.publishedAt)}`;
  if (request.revisionId) return "Response waiting to go out with the post";
  if (request.response) return `Responded ${request.respondedAt ? formatUkDate(request.respondedAt) : ""}: not published`;
  return request.deadline < now ? `No response: deadline passed ${formatUkDate(request.deadline)}` : `Waiting for a response until ${formatUkDate(request.deadline)}`;
}

export async function RepliesPanel({ postId, user }: { postId: string; user: SessionUser }) {
  if (!can(user, "posts.review")) return null;
  const requests = await listReplyRequests(postId);
  const now = new Date();
  return (
    <section className={styles.panel} aria-labelledby="replies-heading">
      <h2 id="replies-heading">Right of reply</h2>
      <p className="form-hint">
        Record each allegation put to a person or organisation before publication, and their response. Nothing here is public unless you publish a response,
        which then appears under the post as &ldquo;Response from …&rdquo;, dated. Publishing the post while a request is unanswered asks you to confirm.
      </p>
      {requests.length > 0 && (
        <ol className={styles.notes}>
          {requests.map((request) => (
            <li key={request.id}>
              <p>
                <strong>{request.person}</strong>: put to them {formatUkDate(request.putAt)} by {request.how}; deadline {formatUkDate(request.deadline)}.
              </p>
              <p className="form-hint">{stateOf(request, now)}</p>
              {request.response && <p className="note-body">{request.response}</p>}
              {!request.publishedAt && <ReplyResponseForm requestId={request.id} response={request.response} />}
              {request.response && !request.publishedAt && !request.revisionId && <PublishReplyButton requestId={request.id} />}
            </li>
          ))}
        </ol>
      )}
      <ReplyRequestForm postId={postId} />
    </section>
  );
}
