// Editorial emails: a submission goes to the editors; review decisions go to the post's authors.
// Queued in the command's transaction (src/lib/mail/queue.ts): they go out once the change is made.
import "server-only";
import { siteUrl } from "@/lib/env";
import { formatLondonTime } from "@/lib/london-time";
import { composePlainEmail, isolated, type PlainEmail } from "@/lib/mail/layout";
import { queueMail } from "@/lib/mail/queue";
import { listEmailsWithPermission } from "@/lib/auth";
import { getSiteSettings } from "@/features/site/data";
import { findPostSummary, listPostAuthorEmails } from "./admin/data";

export type Decision = "changes-requested" | "scheduled" | "published";

async function sendToEach(addresses: string[], email: PlainEmail) {
  for (const to of new Set(addresses)) await queueMail({ to, ...email });
}

export async function notifyEditorsOfSubmission(postId: string, submitterName: string): Promise<void> {
  const [post, site] = await Promise.all([findPostSummary(postId), getSiteSettings()]);
  await sendToEach(
    await listEmailsWithPermission("posts.review"),
    composePlainEmail({
      siteName: site.name,
      subject: `Submitted for review: ${isolated(post.title)}`,
      paragraphs: [`${isolated(submitterName)} submitted “${isolated(post.title)}” for review.`],
      action: { label: "Open the review queue", url: `${siteUrl()}/admin/review` },
    }),
  );
}

function decisionEmail(site: string, post: { id: string; slug: string; title: string; scheduledFor: Date | null }, decision: Decision, note?: string): PlainEmail {
  const title = isolated(post.title);
  const editLink = { label: "Open your post", url: `${siteUrl()}/admin/posts/${post.id}` };
  switch (decision) {
    case "changes-requested":
      return composePlainEmail({
        siteName: site,
        subject: `Changes requested: ${title}`,
        paragraphs: [`An editor has asked for changes to “${title}”.`, ...(note ? [`Their note:\n${note}`] : []), "Make the changes and submit the post again."],
        action: editLink,
      });
    case "scheduled":
      return composePlainEmail({
        siteName: site,
        subject: `Scheduled: ${title}`,
        paragraphs: [`“${title}” is scheduled to appear on ${isolated(site)} on ${post.scheduledFor ? formatLondonTime(post.scheduledFor) : "a date to be confirmed"} (UK time).`],
        action: editLink,
      });
    case "published":
      return composePlainEmail({
        siteName: site,
        subject: `Published: ${title}`,
        paragraphs: [`“${title}” is now live on ${isolated(site)}.`],
        action: { label: "Read it on the site", url: `${siteUrl()}/posts/${post.slug}` },
      });
  }
}

export async function notifyAuthorsOfDecision(postId: string, decision: Decision, note?: string): Promise<void> {
  const [post, site] = await Promise.all([findPostSummary(postId), getSiteSettings()]);
  await sendToEach(await listPostAuthorEmails(postId), decisionEmail(site.name, post, decision, note));
}
