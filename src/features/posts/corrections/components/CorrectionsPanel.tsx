// A published post's corrections and clarifications on its admin page: the public ones, those waiting
// in the working copy (with Update, which makes them public), and the form that adds one.
import { formatLondonTime } from "@/lib/london-time";
import type { SessionUser } from "@/lib/auth";
import { canCorrectPost, canUpdatePost, type PostAccessFacts } from "../../permissions";
import { listPostCorrectionsForEditors } from "../data";
import { correctionLabel } from "./CorrectionsNotice";
import styles from "./CorrectionsPanel.module.css";
import { AddCorrectionForm, PublishCorrectionsButton, WithdrawCorrectionButton } from "./correction-forms";

export async function CorrectionsPanel({ postId, latestRevisionId, post, user }: { postId: string; latestRevisionId: string; post: PostAccessFacts; user: SessionUser }) {
  if (!canCorrectPost(user, post)) return null;
  const corrections = await listPostCorrectionsForEditors(postId);
  const pending = corrections.some((entry) => !entry.publishedAt);
  return (
    <section className={styles.panel} aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections and clarifications</h2>
      <p className="form-hint">
        A correction says what was wrong and what is right; a clarification makes plain what could be misread. Each is dated and shown above the post, listed on
        the site&rsquo;s Corrections page and in the feeds. It joins the post&rsquo;s working copy and readers see it when the post is updated, with any other
        unpublished changes.
      </p>
      {corrections.length > 0 && (
        <ol className={styles.notes}>
          {corrections.map((entry) => (
            <li key={entry.id}>
              <p className="form-hint">
                <strong>{correctionLabel(entry.kind)}</strong> ·{" "}
                {entry.publishedAt ? `public since ${formatLondonTime(entry.publishedAt, "medium")}` : `added ${formatLondonTime(entry.createdAt, "medium")}, waiting for Update`}
              </p>
              <p className="note-body">{entry.text}</p>
              {!entry.publishedAt && <WithdrawCorrectionButton correctionId={entry.id} />}
            </li>
          ))}
        </ol>
      )}
      {canUpdatePost(user, post) && <PublishCorrectionsButton postId={postId} revisionId={latestRevisionId} pending={pending} />}
      <AddCorrectionForm postId={postId} />
    </section>
  );
}
