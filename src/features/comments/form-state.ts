// What the comment form needs in the browser, kept apart from the zod schemas so that zod is not
// shipped to readers.
export const COMMENT_LIMITS = {
  name: 80,
  email: 254,
  url: 200,
  body: 5000,
} as const;

export type CommentFormState = {
  status: "idle" | "approved" | "held" | "error";
  message: string;
  fieldErrors: Partial<Record<"authorName" | "authorEmail" | "authorUrl" | "body", string>>;
  values: { authorName: string; authorEmail: string; authorUrl: string; body: string; parentId: string; notifyReplies: boolean };
  submittedCommentId?: string;
};

export const initialCommentFormState: CommentFormState = {
  status: "idle",
  message: "",
  fieldErrors: {},
  values: { authorName: "", authorEmail: "", authorUrl: "", body: "", parentId: "", notifyReplies: false },
};
