// On a login's admin page: an admin marks an editor as a legal reviewer, who may then clear versions
// past the legal gate (permission legal.review; admins always have it).
import { markLegalReviewerAction } from "../actions";
import { findLegalReviewerState } from "../data";
import { LegalForm } from "./LegalForm";

export async function LegalReviewerForm({ userId }: { userId: string }) {
  const login = await findLegalReviewerState(userId);
  if (!login) return null;
  return (
    <>
      <h2>Legal reviewer</h2>
      <p className="form-hint">
        {login.legalReviewer
          ? "This editor is a legal reviewer: they clear posts linked to active cases, or holding protected terms, to go out."
          : "A legal reviewer clears posts linked to active cases, or holding protected terms, to go out. Admins always can."}
      </p>
      <LegalForm action={markLegalReviewerAction} hidden={{ userId, legalReviewer: login.legalReviewer ? "false" : "true" }} button={login.legalReviewer ? "Stop being a legal reviewer" : "Make a legal reviewer"} secondary={login.legalReviewer} />
    </>
  );
}
