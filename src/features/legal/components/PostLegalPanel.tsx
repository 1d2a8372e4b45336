// The legal desk on a post's admin page (editors and legal reviewers only): the post's cases, what the
// gate says of its latest version and where the scan matched, its clearance, and its hold.
import type { SessionUser } from "@/lib/auth";
import { formatLondonTime } from "@/lib/london-time";
import { can } from "@/lib/permissions";
import { clearRevisionAction, holdPostAction, liftHoldAction, linkPostToCaseAction, unlinkPostFromCaseAction } from "../actions";
import { findPostLegalState, gateReasons, listCaseChoices, needsClearance } from "../data";
import { ScanMatches } from "./LegalQueue";
import { LegalForm } from "./LegalForm";

export async function PostLegalPanel({ postId, user }: { postId: string; user: SessionUser }) {
  if (!can(user, "legal.cases")) return null;
  const [{ links, hold, assessment }, cases] = await Promise.all([findPostLegalState(postId), listCaseChoices()]);
  const linked = links.flatMap((link) => (link.legalCase ? [link.legalCase] : []));
  const unlinkedCases = cases.filter((item) => !linked.some((other) => other.id === item.id));
  return (
    <section className="legal-panel" id="legal" aria-label="Legal desk">
      <h2>Legal</h2>
      {hold ? (
        <>
          <p className="form-error" role="status">
            On hold since {formatLondonTime(hold.createdAt, "medium")}: {hold.reason}. Readers do not see this post anywhere; its address answers “unavailable for legal reasons”.
          </p>
          <LegalForm action={liftHoldAction} hidden={{ postId }} button="Lift the hold" field={{ name: "reason", label: "Why the hold can be lifted" }} />
        </>
      ) : (
        <LegalForm action={holdPostAction} hidden={{ postId }} button="Put on hold" secondary field={{ name: "reason", label: "Reason for a hold", hint: "A hold takes the post off every reader page, feed, the sitemap, search and the digest at once, until it is lifted." }} />
      )}

      <h3>Cases</h3>
      {links.some((link) => link.caseId === null) && <p className="form-hint">The writer said this post is about a court case: link it to the case.</p>}
      {linked.length === 0 ? (
        <p className="form-hint">Not linked to any case.</p>
      ) : (
        <ul>
          {linked.map((item) => (
            <li key={item.id}>
              {item.name} ({item.state.toLowerCase()})
              <LegalForm action={unlinkPostFromCaseAction} hidden={{ postId, caseId: item.id }} button="Unlink" secondary />
            </li>
          ))}
        </ul>
      )}
      {unlinkedCases.length > 0 && (
        <LegalForm action={linkPostToCaseAction} hidden={{ postId }} button="Link to the case" choice={{ name: "caseId", label: "This post is about", options: unlinkedCases.map((item) => ({ value: item.id, label: item.name })) }} />
      )}

      {assessment && (
        <>
          <h3>Version {assessment.revisionNumber}</h3>
          {!needsClearance(assessment) ? (
            <p className="form-hint">No active case and no protected term: this version needs no legal clearance.</p>
          ) : assessment.clearance ? (
            <p className="form-notice">
              Cleared by {assessment.clearance.reviewerEmail ?? "a former reviewer"} on {formatLondonTime(assessment.clearance.createdAt, "medium")}: {assessment.clearance.note}. Any later change needs a new clearance.
            </p>
          ) : (
            <p className="form-error">Needs legal clearance before it can go out: {gateReasons(assessment).join("; ")}.</p>
          )}
          <ScanMatches assessment={assessment} />
          {needsClearance(assessment) && !assessment.clearance && can(user, "legal.review") && (
            <LegalForm
              action={clearRevisionAction}
              hidden={{ postId, revisionId: assessment.revisionId }}
              button={assessment.matches.length > 0 ? `Override the matches and clear version ${assessment.revisionNumber}` : `Clear version ${assessment.revisionNumber}`}
              field={{ name: "note", label: assessment.matches.length > 0 ? "Why these matches may go out (kept in the audit log)" : "Note (kept in the audit log)" }}
            />
          )}
        </>
      )}
    </section>
  );
}
