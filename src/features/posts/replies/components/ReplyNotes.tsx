// Published responses under a post's body: "Response from …", dated.
import { formatUkDate, isoDate } from "@/lib/london-time";
import styles from "../../corrections/components/Corrections.module.css";

export type PublishedReply = { id: string; person: string; response: string; respondedAt: Date | null; putAt: Date };

export function ReplyNotes({ replies }: { replies: PublishedReply[] }) {
  if (replies.length === 0) return null;
  return (
    <>
      {replies.map((reply) => {
        const dated = reply.respondedAt ?? reply.putAt;
        return (
          <aside key={reply.id} className={styles.notice} aria-labelledby={`reply-${reply.id}`}>
            <h2 id={`reply-${reply.id}`}>Response from {reply.person}</h2>
            <p>
              <time dateTime={isoDate(dated)}>{formatUkDate(dated)}</time>
            </p>
            <p className={styles.replyText}>{reply.response}</p>
          </aside>
        );
      })}
    </>
  );
}
