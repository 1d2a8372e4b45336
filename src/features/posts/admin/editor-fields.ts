// What the post editor starts from: the stored post as form fields, and the lifecycle the page offers.
import { formatLondonTime, toLondonLocal } from "@/lib/london-time";
import type { PostForEditing } from "./data";

export type EditorFields = {
  title: string;
  slug: string;
  standfirst: string;
  bodyMarkdown: string;
  categoryId: string;
  tags: string;
  seriesId: string;
  seriesPosition: string;
  coverImageUrl: string;
  coverImageAlt: string;
  coAuthorIds: string[];
  commentsOpen: boolean;
};

export function editorFieldsOf(post: PostForEditing): EditorFields {
  return {
    title: post.title,
    slug: post.slug,
    standfirst: post.standfirst ?? "",
    bodyMarkdown: post.bodyMarkdown,
    categoryId: post.categoryId ?? "",
    tags: post.tags.map((postTag) => postTag.tag.name).join(", "),
    seriesId: post.seriesId ?? "",
    seriesPosition: post.seriesPosition ? String(post.seriesPosition) : "",
    coverImageUrl: post.coverImageUrl ?? "",
    coverImageAlt: post.coverImageAlt ?? "",
    coAuthorIds: post.authors.map((author) => author.profileId),
    commentsOpen: post.commentsOpen,
  };
}

/** The schedule field's first value: the post's scheduled time, or 09:00 tomorrow (UK time). */
export function defaultScheduleLocal(post: Pick<PostForEditing, "scheduledFor">, now = new Date()): string {
  if (post.scheduledFor) return toLondonLocal(post.scheduledFor);
  return `${toLondonLocal(new Date(now.getTime() + 24 * 60 * 60 * 1000)).slice(0, 10)}T09:00`;
}

/** A line under the title saying where the post stands and what happens next. */
export function postStateExplanation(post: Pick<PostForEditing, "status" | "scheduledFor" | "publishedAt">, editing: boolean): string | null {
  switch (post.status) {
    case "SUBMITTED":
      // A guest's editor is replaced by the read-only view once they submit, so it repeats what the action said.
      return editing
        ? "Submitted for review."
        : "Submitted for review. The editors have been told; you will get an email when they respond. The post stays locked until an editor responds.";
    case "CHANGES_REQUESTED":
      return "An editor asked for changes: see the feedback below, edit, and submit again.";
    case "SCHEDULED":
      return post.scheduledFor ? `Scheduled for ${formatLondonTime(post.scheduledFor)} (UK time).` : "Scheduled.";
    case "PUBLISHED":
      return post.publishedAt ? `Published on ${formatLondonTime(post.publishedAt)}.` : "Published.";
    case "UNPUBLISHED":
      return "Unpublished: readers cannot see it.";
    default:
      return null;
  }
}
