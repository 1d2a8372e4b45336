// A complaint's emails, queued in the transaction of the change they follow (src/lib/mail/queue.ts):
// the complainant's acknowledgement, the editors' notice of a new complaint, and the reminders when a
// deadline nears.
import "server-only";
import { listEmailsWithPermission } from "@/lib/auth";
import { siteUrl } from "@/lib/env";
import { formatLondonTime, formatUkDate } from "@/lib/london-time";
import { composePlainEmail, isolated, type PlainEmail } from "@/lib/mail/layout";
import { queueMail } from "@/lib/mail/queue";
import { getSiteSettings } from "@/features/site/data";
import { acknowledgeBy, resolveBy } from "./clocks";
import { listComplaintsDueAcknowledgementReminder, listComplaintsDueResolutionReminder } from "./data";
import { markRemindersSent } from "./mutations";
import { CODE_CLAUSES, type CodeClause } from "./choices";

/** The short reference a complainant quotes: the end of the complaint's id. */
export const complaintReference = (id: string) => id.slice(-8).toUpperCase();

const clauseName = (clause: string) => CODE_CLAUSES[clause as CodeClause] ?? clause;

async function toEditors(email: PlainEmail) {
  for (const to of new Set(await listEmailsWithPermission("complaints.manage"))) await queueMail({ to, ...email });
}

export async function acknowledgeComplaint(complaint: { id: string; name: string; email: string; receivedAt: Date; postAddress: string; clause: string }) {
  const site = await getSiteSettings();
  const reference = complaintReference(complaint.id);
  await queueMail({
    to: complaint.email,
    ...composePlainEmail({
      siteName: site.name,
      subject: `We have your complaint (reference ${reference})`,
      paragraphs: [
        `Dear ${isolated(complaint.name)},`,
        `Thank you: we received your complaint about ${complaint.postAddress} (${clauseName(complaint.clause)}) on ${formatLondonTime(complaint.receivedAt, "medium")}. Its reference is ${reference}.`,
        `An editor will look at it and write to you by ${formatUkDate(acknowledgeBy(complaint.receivedAt))}. We aim to resolve every complaint within 28 days, by ${formatUkDate(resolveBy(complaint.receivedAt))}; if we cannot, we will tell you why.`,
        "If you did not send this complaint, you can ignore this email.",
      ],
      action: { label: "Our corrections and clarifications", url: `${siteUrl()}/corrections` },
    }),
  });
  await toEditors(
    composePlainEmail({
      siteName: site.name,
      subject: `New complaint ${reference}: ${clauseName(complaint.clause)}`,
      paragraphs: [`A complaint about ${complaint.postAddress} arrived. Acknowledge it by ${formatUkDate(acknowledgeBy(complaint.receivedAt))}.`],
      action: { label: "Open the complaint", url: `${siteUrl()}/admin/complaints/${complaint.id}` },
    }),
  );
}

/**
 * Emails the editors about complaints whose acknowledgement or resolution deadline is near (or past)
 * and not met, each complaint once per deadline. `now` is the clock (tests pass their own).
 */
export async function sendComplaintReminders(now = new Date()): Promise<{ acknowledgement: number; resolution: number }> {
  const site = await getSiteSettings();
  const due = {
    acknowledgement: await listComplaintsDueAcknowledgementReminder(now),
    resolution: await listComplaintsDueResolutionReminder(now),
  };
  for (const [kind, complaints] of Object.entries(due) as [keyof typeof due, (typeof due)["resolution"]][]) {
    if (complaints.length === 0) continue;
    const verb = kind === "acknowledgement" ? "Acknowledge" : "Resolve";
    const deadline = kind === "acknowledgement" ? acknowledgeBy : resolveBy;
    await toEditors(
      composePlainEmail({
        siteName: site.name,
        subject: `${verb} ${complaints.length === 1 ? "a complaint" : `${complaints.length} complaints`} soon`,
        paragraphs: complaints.map((complaint) => `${complaintReference(complaint.id)} (${clauseName(complaint.clause)}): ${verb.toLowerCase()} by ${formatUkDate(deadline(complaint.receivedAt))}.`),
        action: { label: "Open the complaints queue", url: `${siteUrl()}/admin/complaints` },
      }),
    );
    await markRemindersSent(kind, complaints.map((complaint) => complaint.id), now);
  }
  return { acknowledgement: due.acknowledgement.length, resolution: due.resolution.length };
}
