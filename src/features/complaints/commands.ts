// Complaints as commands: a reader's submission (with the comment form's spam defences), and the
// editors' queue: notes, moves between states, resolving with a correction, the yearly summary.
import "server-only";
import { defineCommand } from "@/lib/action";
import { InputError, UserFacingError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
import { getCommentSettings } from "@/features/comments/data";
import { hashIp, readFormToken } from "@/features/comments/signing";
import { csvRow } from "@/features/subscriptions/csv";
import { countComplaintsOfYear, findComplaint, findPostByAddress } from "./data";
import { addComplaintNote, insertComplaint, moveComplaint } from "./mutations";
import { acknowledgeComplaint } from "./notifications";
import { complaintIdSchema, complaintMoveSchema, complaintNoteSchema, complaintSubmissionSchema, summaryYearSchema, type ComplaintSubmission } from "./schema";
import { CODE_CLAUSES, OUTCOMES, STATUSES } from "./choices";
import type { SessionUser } from "@/lib/auth";

export const COMPLAINTS_PER_HOUR_PER_ADDRESS = 5;

/** What every accepted submission hears, a bot's included: it learns nothing from the answer. */
export const COMPLAINT_RECEIVED =
  "Thank you: your complaint has reached the editors. We have emailed you an acknowledgement with its reference; an editor will write to you within 7 days.";

/** The comment form's signs of a bot: the honeypot filled, a forged token, or a form sent too soon after it loaded. */
async function looksAutomated(submission: Pick<ComplaintSubmission, "honeypot" | "formToken">, now: Date): Promise<boolean> {
  if (submission.honeypot.trim() !== "") return true;
  const token = readFormToken(submission.formToken);
  if (!token.present) return false;
  if (token.forged) return true;
  return (now.getTime() - token.renderedAt.getTime()) / 1000 < (await getCommentSettings()).minSecondsToSubmit;
}

export const submitComplaint = defineCommand({
  access: "public",
  input: complaintSubmissionSchema,
  async run({ honeypot, formToken, ip, ...fields }) {
    const now = new Date();
    const ipHash = ip ? hashIp(ip) : null;
    if (ipHash && !(await consumeRateLimit(`complaint:ip:${ipHash}`, { limit: COMPLAINTS_PER_HOUR_PER_ADDRESS, windowSeconds: 3600 }, now)).allowed) {
      throw new UserFacingError("You have sent several complaints in the last hour. Please try again later: what you wrote is still in the form.", 429);
    }
    if (await looksAutomated({ honeypot, formToken }, now)) return { message: COMPLAINT_RECEIVED, data: { complaintId: null as string | null } };
    const post = await findPostByAddress(fields.postAddress);
    const complaint = await insertComplaint({ ...fields, postId: post?.id ?? null, ipHash, receivedAt: now });
    await acknowledgeComplaint({ ...fields, ...complaint });
    return { message: COMPLAINT_RECEIVED, data: { complaintId: complaint.id as string | null } };
  },
});

const editorName = (actor: SessionUser) => actor.displayName ?? actor.email;

async function requireComplaint(complaintId: string) {
  const complaint = await findComplaint(complaintId);
  if (!complaint) throw new InputError("This complaint no longer exists.");
  return complaint;
}

export const noteOnComplaint = defineCommand({
  access: "complaints.manage",
  input: complaintNoteSchema,
  async run({ complaintId, body }, actor) {
    await requireComplaint(complaintId);
    await addComplaintNote(complaintId, { id: actor.id, name: editorName(actor) }, body);
    return { message: "Note added." };
  },
  audit: ({ complaintId }) => ({ action: "complaint.note-added", entityType: "Complaint", entityId: complaintId }),
});

export const moveComplaintOn = defineCommand({
  access: "complaints.manage",
  input: complaintMoveSchema,
  async run({ complaintId, to, outcome }, actor) {
    const complaint = await requireComplaint(complaintId);
    if (complaint.status === "RESOLVED") throw new InputError("This complaint is resolved: add a note if there is more to say.");
    if (to === complaint.status) throw new InputError(`This complaint is already ${STATUSES[to].toLowerCase()}.`);
    if (to === "RESOLVED" && !outcome) throw new InputError("Choose the outcome.", { outcome: "Choose the outcome." });
    await moveComplaint(complaintId, to, outcome ?? null);
    const what = to === "RESOLVED" ? `Resolved: ${OUTCOMES[outcome!].toLowerCase()}.` : `${STATUSES[to]}.`;
    await addComplaintNote(complaintId, { id: actor.id, name: editorName(actor) }, what);
    return { message: what, data: { to, outcome: outcome ?? null } };
  },
  audit: ({ complaintId }, { data }) => ({ action: "complaint.moved", entityType: "Complaint", entityId: complaintId, details: { to: data.to, outcome: data.outcome ?? "" } }),
});

/** One click: the complaint is resolved as corrected, and the editor lands on the post's correction form. */
export const resolveWithCorrection = defineCommand({
  access: "complaints.manage",
  input: complaintIdSchema,
  async run({ complaintId }, actor) {
    const complaint = await requireComplaint(complaintId);
    if (!complaint.post || complaint.post.status !== "PUBLISHED") throw new InputError("This complaint names no published post of ours: correct the post from its own page.");
    if (complaint.status === "RESOLVED") throw new InputError("This complaint is resolved already.");
    await moveComplaint(complaintId, "RESOLVED", "CORRECTED");
    await addComplaintNote(complaintId, { id: actor.id, name: editorName(actor) }, "Resolved: corrected.");
    return { message: "Resolved as corrected: write the correction.", redirectTo: `/admin/posts/${complaint.post.id}#corrections-heading`, data: { postId: complaint.post.id } };
  },
  audit: ({ complaintId }, { data }) => ({ action: "complaint.moved", entityType: "Complaint", entityId: complaintId, details: { to: "RESOLVED", outcome: "CORRECTED", postId: data.postId } }),
});

const SUMMARY_OUTCOMES = [...(Object.keys(OUTCOMES) as (keyof typeof OUTCOMES)[]), null] as const;

/** Counts of one year's complaints by clause and outcome, as CSV: what a regulator's annual statement asks. */
export const complaintsSummary = defineCommand({
  access: "complaints.manage",
  transaction: false,
  input: summaryYearSchema,
  async run({ year }) {
    const counts = await countComplaintsOfYear(year);
    const countOf = (clause: string, outcome: string | null) => counts.filter((row) => row.clause === clause && row.outcome === outcome).reduce((sum, row) => sum + row.count, 0);
    const header = csvRow(["Clause", "Received", ...SUMMARY_OUTCOMES.map((outcome) => (outcome ? OUTCOMES[outcome] : "Not resolved yet"))]);
    const rows = Object.entries(CODE_CLAUSES).map(([clause, name]) => {
      const byOutcome = SUMMARY_OUTCOMES.map((outcome) => countOf(clause, outcome));
      return csvRow([name, byOutcome.reduce((sum, count) => sum + count, 0), ...byOutcome]);
    });
    const totals = SUMMARY_OUTCOMES.map((outcome) => counts.filter((row) => row.outcome === outcome).reduce((sum, row) => sum + row.count, 0));
    const csv = header + rows.join("") + csvRow(["All", totals.reduce((sum, count) => sum + count, 0), ...totals]);
    return { message: "", data: { csv, year } };
  },
});
