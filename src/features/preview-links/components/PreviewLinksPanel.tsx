// The preview links of one post on its admin page: who made each, until when it works, a revoke
// button, and the form that makes a new one.
import { AdminTable } from "@/components/AdminTable";
import type { SessionUser } from "@/lib/auth";
import { formatLondonTime } from "@/lib/london-time";
import type { PostAccessFacts } from "@/features/posts/permissions";
import { listActivePreviewLinks } from "../data";
import { canRevokePreview, canSharePreview } from "../permissions";
import styles from "./PreviewLinks.module.css";
import { MakePreviewLinkForm, RevokePreviewLinkButton } from "./preview-link-forms";

export async function PreviewLinksPanel({ postId, post, user }: { postId: string; post: PostAccessFacts; user: SessionUser }) {
  if (!canRevokePreview(user, post)) return null;
  const links = await listActivePreviewLinks(postId);
  const sharing = canSharePreview(user, post);
  if (!sharing && links.length === 0) return null;
  return (
    <section className={styles.panel} aria-labelledby="preview-links-heading">
      <h2 id="preview-links-heading">Preview links</h2>
      <p className="form-hint">
        A secret link shows the latest saved text to a reviewer without an account, marked “Preview: not published” and hidden from search engines.
        It stops working when it expires or is revoked.
      </p>
      {sharing ? <MakePreviewLinkForm postId={postId} /> : <p className="form-hint">The post is published now: its links are no longer needed.</p>}
      <AdminTable
        rows={links}
        rowKey={(link) => link.id}
        empty="No working preview links."
        columns={[
          { header: "Made by", cell: (link) => link.createdBy?.profile?.displayName ?? link.createdBy?.email ?? "Someone since removed" },
          { header: "Made", cell: (link) => formatLondonTime(link.createdAt, "medium") },
          { header: "Works until", cell: (link) => formatLondonTime(link.expiresAt, "medium") },
          {
            header: "Revoke",
            hiddenHeader: true,
            cell: (link) => <RevokePreviewLinkButton linkId={link.id} label={`Revoke the link made ${formatLondonTime(link.createdAt, "medium")}`} />,
          },
        ]}
      />
    </section>
  );
}
