// What the post editor starts from: a stored revision as form fields, and the lifecycle the page offers.
import type { EditorVersion } from "@/features/editor/saved-document";
import { formatLondonTime, toLondonLocal } from "@/lib/london-time";
import type { PostForEditing, PostVersion } from "./data";

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

export function editorFieldsOf(version: PostVersion): EditorFields {
  return {
    title: version.title,
    slug: version.slug,
    standfirst: version.standfirst ?? "",
    bodyMarkdown: version.bodyMarkdown,
    categoryId: version.categoryId ?? "",
    tags: version.tagNames.join(", "),
    seriesId: version.seriesId ?? "",
    seriesPosition: version.seriesPosition ? String(version.seriesPosition) : "",
    coverImageUrl: version.coverImageUrl ?? "",
    coverImageAlt: version.coverImageAlt ?? "",
    coAuthorIds: version.authorProfileIds,
    commentsOpen: version.commentsOpen,
  };
}

export function editorVersionOf(version: PostVersion): EditorVersion<EditorFields> {
  return { revisionId: version.id, number: version.number, savedAt: version.createdAt.toISOString(), savedBy: version.savedBy, fields: editorFieldsOf(version) };
}

/** The schedule field's first value: the post's scheduled time, or 09:00 tomorrow (UK time). */
export function defaultScheduleLocal(post: Pick<PostForEditing, "scheduledFor">, now = new Date()): string {
  if (post.scheduledFor) return toLondonLocal(post.scheduledFor);
  return `${toLondonLocal(new Date(now.getTime() + 24 * 60 * 60 * 1000)).slice(0, 10)}T09:00`;
}

/** A line under the title saying where the post stands and what happens next. */
export function postStateExplanation(post: Pick<PostForEditing, "status" | "scheduledFor" | "publishedAt" | "changesSubmitted">, editing: boolean): string | null {
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
    case "PUBLISHED": {
      const published = post.publishedAt ? `Published on ${formatLondonTime(post.publishedAt)}.` : "Published.";
      if (post.changesSubmitted) return `${published} Changes are with the editors for review; readers see the published version until an editor updates it.`;
      return `${published} Your changes are kept as a working copy: readers see the published version until ${editing ? "someone presses Update" : "an editor updates it"}.`;
    }
    case "UNPUBLISHED":
      return "Unpublished: readers cannot see it.";
    default:
      return null;
  }
}
