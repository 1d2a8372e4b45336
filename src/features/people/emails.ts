// The sign-in and invitation emails. Links go to the confirmation page, never straight to the callback.
import { queueMail } from "@/lib/mail/queue";
import { composePlainEmail, isolated } from "@/lib/mail/layout";
import { getSiteSettings } from "@/features/site/data";

type SignInEmail =
  | { to: string; url: string; reason: "sign-in" }
  | { to: string; url: string; reason: "invitation"; inviterName: string; seriesTitle?: string | null };

export function composeSignInEmail(email: SignInEmail, siteName: string) {
  const site = isolated(siteName);
  const intro =
    email.reason === "sign-in"
      ? `Use this link to sign in to ${site}.`
      : `${isolated(email.inviterName)} has invited you to write for ${site}${email.seriesTitle ? `, for the series “${isolated(email.seriesTitle)}”` : ""}. Use this link to sign in and set up your author profile.`;
  return composePlainEmail({
    siteName,
    subject: email.reason === "sign-in" ? `Sign in to ${site}` : `You are invited to write for ${site}`,
    paragraphs: [intro],
    action: { label: email.reason === "sign-in" ? "Sign in" : "Accept the invitation", url: email.url },
    closing: "The link works for 24 hours. If you did not expect this email, you can ignore it.",
  });
}

export async function queueSignInEmail(email: SignInEmail): Promise<void> {
  await queueMail({ to: email.to, ...composeSignInEmail(email, (await getSiteSettings()).name) });
}
