// The sign-in and invitation emails. Links go to the confirmation page, never straight to the callback.
import { sendMail } from "@/lib/mail";
import { env } from "@/lib/env";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

type SignInEmail =
  | { to: string; url: string; reason: "sign-in" }
  | { to: string; url: string; reason: "invitation"; inviterName: string; seriesTitle?: string | null };

export function composeSignInEmail(email: SignInEmail) {
  const site = env().SITE_NAME;
  const intro =
    email.reason === "sign-in"
      ? `Use this link to sign in to ${site}.`
      : `${email.inviterName} has invited you to write for ${site}${email.seriesTitle ? `, for the series “${email.seriesTitle}”` : ""}. Use this link to sign in and set up your author profile.`;
  const action = email.reason === "sign-in" ? "Sign in" : "Accept the invitation";
  const footer = "The link works for 24 hours. If you did not expect this email, you can ignore it.";
  return {
    subject: email.reason === "sign-in" ? `Sign in to ${site}` : `You are invited to write for ${site}`,
    text: `${intro}\n\n${action}: ${email.url}\n\n${footer}\n`,
    html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(email.url)}">${action}</a></p><p>${escapeHtml(footer)}</p>`,
  };
}

export async function sendSignInEmail(email: SignInEmail): Promise<void> {
  await sendMail({ to: email.to, ...composeSignInEmail(email) });
}
