import Link from "next/link";
import { formatUkDate } from "@/lib/london-time";
import { paths } from "@/lib/seo";
import { countCommentsByStatus, findCommentForEditing, listModerationQueue, QUEUE_PAGE_SIZE, type QueueComment } from "../../data";
import { EMPTY_AFTER_DAYS } from "../../constants";
import { CommentAuthor } from "../../components/CommentThread";
import { editCommentAction, eraseCommenterAction, moderateCommentsAction, replyAsEditorAction } from "../actions";
import { QUEUE_TABS, queueHref, type QueueTab as Tab } from "../queue-tabs";
import { QueueShortcuts } from "./QueueShortcuts";
import styles from "./ModerationQueue.module.css";

type RowAction = { action: string; label: string; shortcut?: string };

const ROW_ACTIONS: Record<Tab, RowAction[]> = {
  pending: [
    { action: "approve", label: "Approve", shortcut: "a" },
    { action: "spam", label: "Spam", shortcut: "s" },
    { action: "trash", label: "Trash", shortcut: "t" },
  ],
  approved: [
    { action: "unapprove", label: "Unapprove" },
    { action: "spam", label: "Spam", shortcut: "s" },
    { action: "trash", label: "Trash", shortcut: "t" },
  ],
  spam: [
    { action: "restore", label: "Not spam" },
    { action: "trash", label: "Trash", shortcut: "t" },
  ],
  trash: [
    { action: "restore", label: "Restore" },
    { action: "spam", label: "Spam", shortcut: "s" },
  ],
};

function IpHistory({ history }: { history: QueueComment["ipHistory"] }) {
  if (!history) return <span className={styles.muted}>no IP recorded</span>;
  return (
    <span title="Comments from the same (hashed) IP address">
      IP: {history.approved} approved, {history.spam} spam
    </span>
  );
}

function CommentRow({ comment, tab }: { comment: QueueComment; tab: Tab }) {
  return (
    <tr data-comment-row id={`row-${comment.id}`} tabIndex={-1} className={styles.row}>
      <td className={styles.select}>
        <input type="checkbox" name="ids" value={comment.id} aria-label={`Select the comment by ${comment.authorName}`} />
      </td>
      <td>
        <div className={styles.who}>
          <CommentAuthor name={comment.authorName} url={comment.authorUrl} />
          <a href={`mailto:${comment.authorEmail}`} className={styles.email}>
            {comment.authorEmail}
          </a>
          <IpHistory history={comment.ipHistory} />
        </div>
      </td>
      <td className={styles.what}>
        <p className={styles.meta}>
          On <Link href={paths.post(comment.post.slug)}>{comment.post.title}</Link>
          {comment.parentAuthorName && (
            <>
              , in reply to <bdi>{comment.parentAuthorName}</bdi>
            </>
          )}{" "}
          · {formatUkDate(comment.createdAt)}
        </p>
        {comment.heldReason && <p className={styles.reason}>Held: {comment.heldReason}</p>}
        {/* Rendered by the comment sanitizer: inert whatever was typed. */}
        <div className={styles.body} dangerouslySetInnerHTML={{ __html: comment.html }} />
        <div className={styles.rowActions}>
          {ROW_ACTIONS[tab].map((action) => (
            <button
              key={action.action}
              type="submit"
              name="row"
              value={`${action.action}:${comment.id}`}
              data-shortcut={action.shortcut}
              className={action.action === "approve" ? undefined : "secondary"}
            >
              {action.label}
            </button>
          ))}
          <Link href={queueHref(tab, { edit: comment.id })} className="button secondary">
            Edit
          </Link>
          {(tab === "pending" || tab === "approved") && (
            <Link href={queueHref(tab, { reply: comment.id })} className="button secondary">
              Reply
            </Link>
          )}
        </div>
      </td>
    </tr>
  );
}

async function EditPanel({ id, tab }: { id: string; tab: Tab }) {
  const comment = await findCommentForEditing(id);
  if (!comment) return <p className="form-error">That comment no longer exists.</p>;
  return (
    <form action={editCommentAction} className={`admin-form ${styles.panel}`}>
      <h2>Edit the comment on “{comment.post.title}”</h2>
      <input type="hidden" name="tab" value={tab} />
      <input type="hidden" name="commentId" value={comment.id} />
      <label htmlFor="edit-name">Name</label>
      <input id="edit-name" type="text" name="authorName" required maxLength={80} defaultValue={comment.authorName} />
      <label htmlFor="edit-url">Website</label>
      <input id="edit-url" type="url" name="authorUrl" maxLength={200} defaultValue={comment.authorUrl ?? ""} />
      <label htmlFor="edit-body">Comment</label>
      <textarea id="edit-body" name="body" rows={8} required maxLength={5000} defaultValue={comment.body} />
      <div className="actions-row">
        <button type="submit">Save comment</button>
        <Link href={queueHref(tab)}>Cancel</Link>
      </div>
    </form>
  );
}

async function ReplyPanel({ id, tab }: { id: string; tab: Tab }) {
  const comment = await findCommentForEditing(id);
  if (!comment) return <p className="form-error">That comment no longer exists.</p>;
  return (
    <form action={replyAsEditorAction} className={`admin-form ${styles.panel}`}>
      <h2>
        Reply to <bdi>{comment.authorName}</bdi> on “<bdi>{comment.post.title}</bdi>”
      </h2>
      <blockquote className={styles.quote}>{comment.body.slice(0, 600)}</blockquote>
      <input type="hidden" name="tab" value={tab} />
      <input type="hidden" name="parentId" value={comment.id} />
      <label htmlFor="reply-body">Your reply (published at once{comment.status === "PENDING" ? "; approves this comment too" : ""})</label>
      <textarea id="reply-body" name="body" rows={6} required maxLength={5000} autoFocus />
      <div className="actions-row">
        <button type="submit">Publish reply</button>
        <Link href={queueHref(tab)}>Cancel</Link>
      </div>
    </form>
  );
}

export async function ModerationQueue({
  status: tab,
  page,
  notice,
  edit,
  reply,
}: {
  status: Tab;
  page: number;
  notice?: string;
  edit?: string;
  reply?: string;
}) {
  const current = QUEUE_TABS.find((entry) => entry.tab === tab)!;
  const [counts, queue] = await Promise.all([countCommentsByStatus(), listModerationQueue(current.status, page)]);
  const pages = Math.max(1, Math.ceil(queue.total / QUEUE_PAGE_SIZE));
  return (
    <>
      <h1>Comments</h1>
      <p className="form-hint">
        <Link href="/admin/comments/settings">Comment settings</Link>: disallowed and moderation lists, link threshold, reply depth, closing.
      </p>
      <nav aria-label="Comment status" className={styles.tabs}>
        {QUEUE_TABS.map((entry) => (
          <Link key={entry.tab} href={queueHref(entry.tab)} aria-current={entry.tab === tab ? "page" : undefined} className={styles.tab}>
            {entry.label} <span className={styles.count}>{counts[entry.status]}</span>
          </Link>
        ))}
      </nav>
      {notice && (
        <p className="form-notice" role="status">
          {notice}
        </p>
      )}
      {edit && <EditPanel id={edit} tab={tab} />}
      {reply && <ReplyPanel id={reply} tab={tab} />}
      {(tab === "spam" || tab === "trash") && (
        <p className="form-hint">Comments here are deleted for good {EMPTY_AFTER_DAYS} days after they were moved here.</p>
      )}
      {queue.comments.length === 0 ? (
        <p className={styles.empty}>No {current.label.toLowerCase()} comments.</p>
      ) : (
        <form action={moderateCommentsAction} id="moderation-queue">
          <input type="hidden" name="tab" value={tab} />
          <div className="actions-row">
            <span>With the selected:</span>
            {ROW_ACTIONS[tab].map((action) => (
              <button key={action.action} type="submit" name="bulk" value={action.action} className="secondary">
                {action.label}
              </button>
            ))}
          </div>
          <p className="form-hint">
            Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>x</kbd> select
            {tab === "pending" && (
              <>
                , <kbd>a</kbd> approve
              </>
            )}
            , <kbd>s</kbd> spam, <kbd>t</kbd> trash.
          </p>
          <div className="table-scroll">
            <table className={styles.queue}>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th scope="col">Commenter</th>
                  <th scope="col">Comment</th>
                </tr>
              </thead>
              <tbody>
                {queue.comments.map((comment) => (
                  <CommentRow key={comment.id} comment={comment} tab={tab} />
                ))}
              </tbody>
            </table>
          </div>
          <QueueShortcuts />
        </form>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="actions-row">
          {page > 1 && <Link href={queueHref(tab, { page: String(page - 1) })}>Newer page</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={queueHref(tab, { page: String(page + 1) })}>Next page</Link>}
        </nav>
      )}
      <form action={eraseCommenterAction} className={`admin-form ${styles.erase}`}>
        <h2>Erase a commenter</h2>
        <p className="form-hint">For a privacy request: deletes every comment written with this email address. Replies from other people stay.</p>
        <input type="hidden" name="tab" value={tab} />
        <label htmlFor="erase-email">Email address</label>
        <input id="erase-email" type="email" name="email" required maxLength={254} />
        <label className={styles.confirm}>
          <input type="checkbox" name="confirm" /> I understand this cannot be undone
        </label>
        <div className="actions-row">
          <button type="submit">Erase their comments</button>
        </div>
      </form>
    </>
  );
}
