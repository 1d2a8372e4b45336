"use client";

import { createContext, use, useState, type ReactNode } from "react";
import styles from "./CommentThread.module.css";

/** Fired after the form stores a comment, so the list of the reader's own held comments reloads. */
export const COMMENTS_CHANGED_EVENT = "docket:comments-changed";

export type ReplyTarget = { id: string; authorName: string } | null;
type ReplyState = { target: ReplyTarget; setTarget: (target: ReplyTarget) => void };

const ReplyContext = createContext<ReplyState>({ target: null, setTarget: () => {} });

export function useReplyTarget(): ReplyState {
  return use(ReplyContext);
}

/** Shares "which comment is being replied to" between the reply links and the form. */
export function ReplyProvider({ children, initialTarget = null }: { children: ReactNode; initialTarget?: ReplyTarget }) {
  const [target, setTarget] = useState<ReplyTarget>(initialTarget);
  return <ReplyContext value={{ target, setTarget }}>{children}</ReplyContext>;
}

/** Without JavaScript the link opens the reply page; with it, the form below the thread takes the reply. */
export function ReplyButton({ commentId, authorName, replyPageHref }: { commentId: string; authorName: string; replyPageHref: string }) {
  const { setTarget } = useReplyTarget();
  return (
    <a
      href={replyPageHref}
      className={styles.reply}
      aria-label={`Reply to ${authorName}`}
      onClick={(event) => {
        event.preventDefault();
        setTarget({ id: commentId, authorName });
        const form = document.getElementById("respond");
        form?.scrollIntoView({ behavior: "smooth", block: "start" });
        form?.querySelector<HTMLTextAreaElement>("textarea")?.focus({ preventScroll: true });
      }}
    >
      Reply
    </a>
  );
}
