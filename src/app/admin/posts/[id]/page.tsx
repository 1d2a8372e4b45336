import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { findPostForEditing, listCategoryChoices, listSeriesChoices, type PostForEditing } from "@/features/editorial/data";
import { listProfileChoices } from "@/features/people/data";
import {
  canEditPost,
  canPublishPost,
  canRequestChanges,
  canSchedulePost,
  canSubmitPost,
  canUnpublishPost,
  canViewPost,
  isEditor,
  type PostAccessFacts,
} from "@/features/editorial/permissions";
import { formatLondonTime, toLondonLocal } from "@/features/editorial/london-time";
import { renderPostMarkdown } from "@/lib/markdown";
import { PostEditor } from "@/features/editorial/components/post-editor";
import { PostActions } from "@/features/editorial/components/post-actions";
import { StatusBadge } from "@/features/editorial/components/post-table";
import type { EditorFields } from "@/features/editorial/components/post-editor";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Edit post" };

function editorFieldsOf(post: PostForEditing): EditorFields {
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

function nextMorningLocal(): string {
  const tomorrow = toLondonLocal(new Date(Date.now() + 24 * 60 * 60 * 1000));
  return `${tomorrow.slice(0, 10)}T09:00`;
}

function stateExplanation(post: PostForEditing, editing: boolean): string | null {
  switch (post.status) {
    case "SUBMITTED":
      // A guest's editor is replaced by this page once they submit, so it repeats what the action said.
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

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole();
  const { id } = await params;
  const post = await findPostForEditing(id);
  if (!post) notFound();
  const facts: PostAccessFacts = { status: post.status, createdById: post.createdById, authorProfileIds: post.authors.map((author) => author.profileId) };
  if (!canViewPost(user, facts)) notFound();

  const editing = canEditPost(user, facts);
  const flags = {
    canSubmit: canSubmitPost(user, facts),
    canPublish: canPublishPost(user, facts),
    canSchedule: canSchedulePost(user, facts),
    canRequestChanges: canRequestChanges(user, facts),
    canUnpublish: canUnpublishPost(user, facts),
    canNote: isEditor(user),
  };
  const explanation = stateExplanation(post, editing);
  const [categories, series, profiles] = editing ? await Promise.all([listCategoryChoices(), listSeriesChoices(), listProfileChoices()]) : [[], [], []];

  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/posts">Posts</Link> · <Link href={`/admin/posts/${post.id}/history`}>History</Link>
        {post.status === "PUBLISHED" && (
          <>
            {" "}
            · <a href={`/posts/${post.slug}`}>View on the site</a>
          </>
        )}
      </p>
      <h1>
        {post.title} <StatusBadge status={post.status} />
      </h1>
      {explanation && <p className="form-hint">{explanation}</p>}

      {post.notes.length > 0 && (
        <section className="editor-notes" aria-label="Feedback from the editors">
          <h2>Feedback</h2>
          <ol>
            {post.notes.map((note) => (
              <li key={note.id}>
                <p className="form-hint">
                  {note.author?.profile?.displayName ?? note.author?.email ?? "An editor"} · {formatLondonTime(note.createdAt, "medium")}
                </p>
                <p className="note-body">{note.body}</p>
              </li>
            ))}
          </ol>
        </section>
      )}

      {editing ? (
        <PostEditor
          postId={post.id}
          initial={editorFieldsOf(post)}
          initialHtml={renderPostMarkdown(post.bodyMarkdown).html}
          categories={categories.map((category) => ({ id: category.id, name: category.name }))}
          series={series.map((item) => ({ id: item.id, name: item.title }))}
          profiles={profiles.map((profile) => ({ id: profile.id, name: profile.displayName }))}
          canChangeAuthors={isEditor(user) || user.role === "AUTHOR"}
          canAddAuthors={isEditor(user)}
          slugFollowsTitle={!post.publishedAt}
          serverUpdatedAt={post.updatedAt.toISOString()}
          actions={{ flags, defaultScheduleLocal: post.scheduledFor ? toLondonLocal(post.scheduledFor) : nextMorningLocal() }}
        />
      ) : (
        <>
          {post.standfirst && <p className="standfirst">{post.standfirst}</p>}
          <div className="post-preview" dangerouslySetInnerHTML={{ __html: renderPostMarkdown(post.bodyMarkdown).html }} />
          <PostActions postId={post.id} flags={flags} defaultScheduleLocal={post.scheduledFor ? toLondonLocal(post.scheduledFor) : nextMorningLocal()} />
        </>
      )}
    </>
  );
}
