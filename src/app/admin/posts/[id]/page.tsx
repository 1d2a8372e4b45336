import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { formatLondonTime } from "@/lib/london-time";
import { renderPostMarkdown } from "@/lib/markdown";
import { can } from "@/lib/permissions";
import { findPostForEditing, listCategoryChoices, listSeriesChoices } from "@/features/posts/admin/data";
import { defaultScheduleLocal, editorFieldsOf, editorVersionOf, postStateExplanation } from "@/features/posts/admin/editor-fields";
import { canEditPost, canViewPost, postActionFlags } from "@/features/posts/permissions";
import { PostEditor } from "@/features/posts/admin/components/post-editor";
import { PostActions } from "@/features/posts/admin/components/post-actions";
import { StatusBadge } from "@/features/posts/admin/components/post-table";
import { listProfileChoices } from "@/features/people/data";
import { CorrectionsPanel } from "@/features/posts/corrections/components/CorrectionsPanel";
import { RepliesPanel } from "@/features/posts/replies/components/RepliesPanel";
import { PreviewLinksPanel } from "@/features/preview-links/components/PreviewLinksPanel";
import { PostLegalPanel } from "@/features/legal/components/PostLegalPanel";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Edit post" };

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const post = await findPostForEditing(id);
  if (!post) notFound();
  const facts = { status: post.status, createdById: post.createdById, authorProfileIds: post.authors.map((author) => author.profileId), changesSubmitted: post.changesSubmitted };
  if (!canViewPost(user, facts)) forbidden();

  const editing = canEditPost(user, facts);
  const flags = postActionFlags(user, facts);
  const explanation = postStateExplanation(post, editing);
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
      {post.scheduledUpdate?.scheduledFor && (
        <p className="form-hint">
          Version {post.scheduledUpdate.number} is scheduled to go live on {formatLondonTime(post.scheduledUpdate.scheduledFor)} (UK time).
        </p>
      )}

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
          version={editorVersionOf(post.latest)}
          live={post.status === "PUBLISHED" ? editorFieldsOf(post.live ?? post.latest) : null}
          initialHtml={renderPostMarkdown(post.latest.bodyMarkdown).html}
          categories={categories.map((category) => ({ id: category.id, name: category.name }))}
          series={series.map((item) => ({ id: item.id, name: item.title }))}
          profiles={profiles.map((profile) => ({ id: profile.id, name: profile.displayName }))}
          canChangeAuthors={can(user, "posts.arrangeBylines")}
          canAddAuthors={can(user, "posts.addBylines")}
          slugFollowsTitle={!post.publishedAt}
          actions={{ flags, defaultScheduleLocal: defaultScheduleLocal(post), changesSubmitted: post.changesSubmitted }}
        />
      ) : (
        <>
          {post.latest.standfirst && <p className="standfirst">{post.latest.standfirst}</p>}
          <div className="post-preview" dangerouslySetInnerHTML={{ __html: renderPostMarkdown(post.latest.bodyMarkdown).html }} />
          <PostActions postId={post.id} flags={flags} defaultScheduleLocal={defaultScheduleLocal(post)} />
        </>
      )}
      <CorrectionsPanel postId={post.id} latestRevisionId={post.latest.id} post={facts} user={user} />
      <RepliesPanel postId={post.id} user={user} />
      <PreviewLinksPanel postId={post.id} post={facts} user={user} />
      <PostLegalPanel postId={post.id} user={user} />
    </>
  );
}
