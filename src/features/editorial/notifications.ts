// Editorial emails: a submission goes to the editors; review decisions go to the post's authors.
// They follow a change already made, so a mail failure is logged, never thrown.
import { sendMail } from "@/lib/mail";
import { env, siteUrl } from "@/lib/env";
import { formatLondonTime } from "./london-time";
import { findPostSummary, listEditorEmails, listPostAuthorEmails } from "./data";

export type Decision = "changes-requested" | "scheduled" | "published";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function sendToEach(addresses: string[], compose: { subject: string; lines: string[]; link: { label: string; url: string } }) {
  const text = `${compose.lines.join("\n\n")}\n\n${compose.link.label}: ${compose.link.url}\n`;
  const html = `${compose.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}<p><a href="${escapeHtml(compose.link.url)}">${escapeHtml(compose.link.label)}</a></p>`;
  for (const to of new Set(addresses)) {
    try {
      await sendMail({ to, subject: compose.subject, text, html });
    } catch (error) {
      // The editorial change is already made; a lost notification must not undo or fail it.
      console.error(`[mail] could not send “${compose.subject}”:`, error instanceof Error ? error.message : error);
    }
  }
}

export async function notifyEditorsOfSubmission(postId: string, submitterName: string): Promise<void> {
  const post = await findPostSummary(postId);
  await sendToEach(await listEditorEmails(), {
    subject: `Submitted for review: ${post.title}`,
    lines: [`${submitterName} submitted “${post.title}” for review.`],
    link: { label: "Open the review queue", url: `${siteUrl()}/admin/review` },
  });
}

export async function notifyAuthorsOfDecision(postId: string, decision: Decision, note?: string): Promise<void> {
  const post = await findPostSummary(postId);
  const site = env().SITE_NAME;
  const editLink = { label: "Open your post", url: `${siteUrl()}/admin/posts/${post.id}` };
  const compose = {
    "changes-requested": {
      subject: `Changes requested: ${post.title}`,
      lines: [`An editor has asked for changes to “${post.title}”.`, ...(note ? [`Their note: ${note}`] : []), "Make the changes and submit the post again."],
      link: editLink,
    },
    scheduled: {
      subject: `Scheduled: ${post.title}`,
      lines: [`“${post.title}” is scheduled to appear on ${site} on ${post.scheduledFor ? formatLondonTime(post.scheduledFor) : "a date to be confirmed"} (UK time).`],
      link: editLink,
    },
    published: {
      subject: `Published: ${post.title}`,
      lines: [`“${post.title}” is now live on ${site}.`],
      link: { label: "Read it on the site", url: `${siteUrl()}/posts/${post.slug}` },
    },
  }[decision];
  await sendToEach(await listPostAuthorEmails(postId), compose);
}
