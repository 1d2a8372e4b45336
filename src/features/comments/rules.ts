// The submission rules (WordPress's proven set) as one pure function over facts gathered by one query.
import type { CommentSettings } from "./schema";

export type CommentFacts = {
  commentsOpen: boolean;
  /** Same post, parent, author email and text already stored. */
  isDuplicate: boolean;
  /** Seconds since the same email or IP hash last commented; null when never. */
  secondsSinceLastComment: number | null;
  /** The per-IP rate limit was exceeded. */
  rateLimited: boolean;
  honeypotFilled: boolean;
  /** Seconds since the form was rendered, from its signed token; null when the token is missing. */
  secondsSinceFormRendered: number | null;
  /** A token was sent but its signature does not verify. */
  formTokenForged: boolean;
  /** The commenter is signed in as an EDITOR or ADMIN, or is one of the post's authors. */
  isPrivileged: boolean;
  /** An entry of the disallowed list found in the name, email, website, text or IP. */
  disallowedMatch: string | null;
  /** An entry of the moderation list found in the same fields. */
  moderationMatch: string | null;
  linkCount: number;
  /** The same email has an earlier APPROVED comment. */
  hasApprovedComment: boolean;
  settings: Pick<CommentSettings, "maxLinks" | "minSecondsToSubmit" | "floodSeconds">;
};

export type CommentDecision =
  | { status: "REFUSED"; reason: "closed" | "duplicate" | "flood" | "rate-limited" }
  | { status: "SPAM" | "PENDING" | "APPROVED"; reason: string | null };

export function decideCommentStatus(facts: CommentFacts): CommentDecision {
  if (!facts.commentsOpen) return { status: "REFUSED", reason: "closed" };
  if (facts.isDuplicate) return { status: "REFUSED", reason: "duplicate" };
  if (!facts.isPrivileged) {
    if (facts.rateLimited) return { status: "REFUSED", reason: "rate-limited" };
    if (facts.secondsSinceLastComment !== null && facts.secondsSinceLastComment < facts.settings.floodSeconds) {
      return { status: "REFUSED", reason: "flood" };
    }
  }
  if (facts.honeypotFilled) return { status: "SPAM", reason: "honeypot field filled" };
  if (facts.formTokenForged) return { status: "SPAM", reason: "forged form token" };
  if (facts.secondsSinceFormRendered !== null && facts.secondsSinceFormRendered < facts.settings.minSecondsToSubmit) {
    return { status: "SPAM", reason: `submitted ${facts.secondsSinceFormRendered.toFixed(1)} s after the form loaded` };
  }
  if (facts.isPrivileged) return { status: "APPROVED", reason: null };
  if (facts.disallowedMatch !== null) return { status: "SPAM", reason: `disallowed list: “${facts.disallowedMatch}”` };
  if (facts.moderationMatch !== null) return { status: "PENDING", reason: `moderation list: “${facts.moderationMatch}”` };
  if (facts.linkCount >= facts.settings.maxLinks) return { status: "PENDING", reason: `${facts.linkCount} links` };
  if (facts.secondsSinceFormRendered === null) return { status: "PENDING", reason: "sent without the form's timestamp" };
  if (!facts.hasApprovedComment) return { status: "PENDING", reason: "first comment" };
  return { status: "APPROVED", reason: null };
}

/** Links as a reader would count them: markdown links, autolinks and bare web addresses. */
export function countLinks(text: string): number {
  return (text.match(/https?:\/\/|(?<!\/)\bwww\./gi) ?? []).length;
}

/** The first list entry found (case-insensitively) in any of the fields, or null. */
export function findListMatch(list: string[], fields: (string | null | undefined)[]): string | null {
  const haystack = fields
    .filter((field): field is string => Boolean(field))
    .join("\n")
    .toLowerCase();
  return list.find((entry) => entry.trim() !== "" && haystack.includes(entry.trim().toLowerCase())) ?? null;
}
