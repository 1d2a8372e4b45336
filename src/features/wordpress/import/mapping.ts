// How one WordPress thing becomes its Docket counterpart: pure functions, no database, so each mapping the
// issue lists is tested on its own. The import (import.ts) calls these and writes what they give.
import { createHash } from "node:crypto";
import { htmlToMarkdown } from "@/lib/html-to-markdown";
import { slugify } from "@/lib/slug";
import type { CommentStatus, PostStatus } from "@/generated/prisma/enums";
import { STANDFIRST_MAX } from "@/features/posts/schema";
import { addAutomaticParagraphs } from "./automatic-paragraphs";
import { decodeName } from "./plan";
import type { ImportReportBuilder } from "./report";
import type { WxrComment, WxrItem } from "../wxr/types";
import { withoutControlCharacters } from "@/lib/control-characters";
import { decodeOrKeep } from "@/lib/percent-encoding";

export type MappedStatus = {
  status: PostStatus;
  publishedAt: Date | null;
  scheduledFor: Date | null;
  submittedAt: Date | null;
  /** A sentence for the report when the mapping is a choice (private and password-protected posts). */
  choice: string | null;
};

/** A `post_date` wall-clock time read as UTC: the best there is when WordPress wrote no GMT time. */
function localAsUtc(local: string | null): Date | null {
  if (!local) return null;
  const date = new Date(`${local.replace(" ", "T")}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** When the post was written or went out: the GMT date, else the local one, else the feed date. */
export function postDate(item: Pick<WxrItem, "postDateGmt" | "postDate" | "pubDate">): Date | null {
  return item.postDateGmt ?? localAsUtc(item.postDate) ?? item.pubDate;
}

/**
 * publish → published; future → scheduled; draft → draft; pending → submitted; private and
 * password-protected → draft (Docket has neither), with a line in the report. Null for what is not
 * imported (trash, auto-drafts, revisions).
 */
export function mapPostStatus(item: Pick<WxrItem, "status" | "postPassword" | "postDateGmt" | "postDate" | "pubDate" | "postModifiedGmt">): MappedStatus | null {
  const date = postDate(item);
  if (item.postPassword !== "" && (item.status === "publish" || item.status === "future" || item.status === "private")) {
    return { status: "DRAFT", publishedAt: null, scheduledFor: null, submittedAt: null, choice: "was password-protected: Docket has no passwords, so it is a draft until an editor decides" };
  }
  switch (item.status) {
    case "publish":
      return { status: "PUBLISHED", publishedAt: date ?? new Date(), scheduledFor: null, submittedAt: null, choice: null };
    case "future":
      return { status: "SCHEDULED", publishedAt: null, scheduledFor: date ?? new Date(), submittedAt: null, choice: null };
    case "draft":
      return { status: "DRAFT", publishedAt: null, scheduledFor: null, submittedAt: null, choice: null };
    case "pending":
      return { status: "SUBMITTED", publishedAt: null, scheduledFor: null, submittedAt: item.postModifiedGmt ?? date ?? new Date(), choice: null };
    case "private":
      return { status: "DRAFT", publishedAt: null, scheduledFor: null, submittedAt: null, choice: "was private: Docket has no private posts, so it is a draft" };
    default:
      return null;
  }
}

/**
 * A post's or page's status in Docket, or null when it is not imported: trashed, of a status Docket
 * does not know, or a second copy of an item already written in this run (each counted as skipped).
 */
export function admittedStatus(item: WxrItem, kind: "posts" | "pages", label: string, writtenThisRun: Set<number>, report: ImportReportBuilder): MappedStatus | null {
  const status = mapPostStatus(item);
  if (!status) {
    report.count(kind, "skipped");
    if (item.status === "trash") report.choice(`${label} was in the trash and was left out.`);
    else if (item.status !== "auto-draft" && item.status !== "inherit") report.problem(`${label} has the status “${item.status}”, which Docket does not know, and was left out.`);
    return null;
  }
  if (writtenThisRun.has(item.postId)) {
    report.count(kind, "skipped");
    report.problem(`${label} appears twice in the file: only its first copy was imported.`);
    return null;
  }
  writtenThisRun.add(item.postId);
  return status;
}

const COMMENT_STATUSES: Record<WxrComment["approved"], CommentStatus> = { "1": "APPROVED", "0": "PENDING", spam: "SPAM", trash: "TRASH", "post-trashed": "TRASH" };

export function mapCommentStatus(approved: WxrComment["approved"]): CommentStatus {
  return COMMENT_STATUSES[approved];
}

/** Text with nothing markdown would read as markup, so it is its own markdown (most comments). */
const PLAIN_TEXT = /^[\p{L}\p{N} \t\n.,;:!?'"’‘“”()\u2013\u2014/%-]*$/u;
const MARKDOWN_AT_LINE_START = /(^|\n)[ \t]*(?:[-+*>#]|\d+[.)])/;

/** A comment's text (WordPress keeps HTML and bare newlines) as Docket comment markdown. */
export function commentMarkdown(content: string): string {
  const text = content.replace(/\r\n?/g, "\n").trim();
  if (PLAIN_TEXT.test(text) && !MARKDOWN_AT_LINE_START.test(text)) {
    return text
      .split(/\n[ \t]*\n\s*/)
      .map((paragraph) => paragraph.replace(/[ \t]*\n[ \t]*/g, "  \n"))
      .join("\n\n");
  }
  return htmlToMarkdown(addAutomaticParagraphs(text)).trim();
}

/** Comments in an order where each comes after the one it answers; an answer to a missing comment becomes top-level. */
export function commentsParentsFirst(comments: WxrComment[]): { ordered: WxrComment[]; orphans: WxrComment[] } {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const ordered: WxrComment[] = [];
  const placed = new Set<number>();
  const orphans: WxrComment[] = [];
  const place = (comment: WxrComment, seen: Set<number>) => {
    if (placed.has(comment.id)) return;
    if (comment.parent > 0) {
      const parent = byId.get(comment.parent);
      if (!parent || seen.has(parent.id)) {
        orphans.push(comment);
        comment = { ...comment, parent: 0 };
      } else {
        seen.add(comment.id);
        place(parent, seen);
      }
    }
    placed.add(comment.id);
    ordered.push(comment);
  };
  for (const comment of comments) place(comment, new Set([comment.id]));
  return { ordered, orphans };
}

/** A title as plain text: WordPress titles may hold entities and the odd tag. */
export function plainTitle(title: string): string {
  return withoutControlCharacters(decodeName(title.replace(/<[^>]*>/g, "")));
}

/** The excerpt as the standfirst: plain text, at most the standfirst's length. */
export function standfirstFrom(excerpt: string): { standfirst: string | null; cut: boolean } {
  const text = decodeName(excerpt.replace(/<[^>]*>/g, " "));
  if (text === "") return { standfirst: null, cut: false };
  if (text.length <= STANDFIRST_MAX) return { standfirst: text, cut: false };
  return { standfirst: `${text.slice(0, STANDFIRST_MAX - 1).replace(/\s+\S*$/, "")}…`, cut: true };
}

/** The slug WordPress gave the post (percent-encoded when not ASCII), else one from the title. */
export function slugFor(item: Pick<WxrItem, "postName" | "title" | "postId">): string {
  const name = decodeOrKeep(item.postName);
  return slugify(name) || slugify(plainTitle(item.title)) || `post-${item.postId}`;
}

/** A byline's display name: WordPress's display name, else first and last name; never the login. */
export function bylineName(author: { displayName: string; firstName: string; lastName: string; login: string }): string {
  const display = decodeName(author.displayName);
  if (display !== "") return display;
  // WordPress shows a user without a display name by their login too.
  return decodeName(`${author.firstName} ${author.lastName}`) || author.login;
}

/**
 * A Co-Authors Plus term's display name, from its description ("Display First Last login id email"), when
 * no author or guest-author record says it: the words before the login, halved when repeated.
 */
export function coAuthorNameFromTerm(description: string, login: string): string | null {
  const words = decodeName(description).split(" ");
  const at = words.indexOf(login);
  if (at <= 0) return null;
  const before = words.slice(0, at);
  const half = before.length / 2;
  if (Number.isInteger(half) && before.slice(0, half).join(" ") === before.slice(half).join(" ")) return before.slice(0, half).join(" ");
  return before.join(" ");
}

/** What identifies an item's content for the next run: any change to it (or to the options that shape it) changes this. */
export function itemChecksum(item: WxrItem, optionsSignature: string): string {
  return createHash("sha256").update(optionsSignature).update("\0").update(JSON.stringify(item)).digest("base64url");
}
