// Transactional emails about a subscription: the double opt-in confirmation and the
// "you are already subscribed" reminder (sent instead, so the form's answer never differs).
import type { OutgoingMail } from "@/lib/mail/send";
import { renderEmailDocument, escapeHtml } from "@/lib/mail/layout";
import { CONFIRM_LINK_DAYS, confirmUrl, preferencesUrl } from "./links";

export function confirmationEmail(to: string, subscriberId: string, siteName: string): OutgoingMail {
  const link = confirmUrl(subscriberId);
  const subject = `Confirm your subscription to ${siteName}`;
  return {
    to,
    subject,
    text: [
      `Someone (we hope you) asked to receive ${siteName}'s new posts by email at this address.`,
      "",
      `Confirm your subscription (the link works for ${CONFIRM_LINK_DAYS} days):`,
      link,
      "",
      "If it wasn't you, ignore this email: you will not hear from us again.",
    ].join("\n"),
    html: renderEmailDocument({
      siteName,
      title: subject,
      preheader: "One click to start receiving new posts.",
      bodyHtml: `
<p style="margin:0 0 16px">Someone (we hope you) asked to receive ${escapeHtml(siteName)}'s new posts by email at this address.</p>
<p style="margin:0 0 24px"><a href="${escapeHtml(link)}" style="display:inline-block;padding:12px 20px;background:#8a1c1c;color:#ffffff;text-decoration:none;border-radius:3px;font-family:Arial,Helvetica,sans-serif;font-weight:bold">Confirm my subscription</a></p>
<p style="margin:0 0 16px;font-size:14px">The link works for ${CONFIRM_LINK_DAYS} days. If the button does not work, paste this address into your browser:<br><a href="${escapeHtml(link)}" style="color:#8a1c1c;word-break:break-all">${escapeHtml(link)}</a></p>
<p style="margin:0;font-size:14px">If it wasn't you, ignore this email: you will not hear from us again.</p>`,
    }),
  };
}

export function alreadySubscribedEmail(to: string, subscriberId: string, siteName: string): OutgoingMail {
  const link = preferencesUrl(subscriberId);
  const subject = `You are already subscribed to ${siteName}`;
  return {
    to,
    subject,
    text: [
      `Someone asked to subscribe this address to ${siteName}. It is already subscribed, so nothing has changed.`,
      "",
      "Change what you receive, pause or unsubscribe here:",
      link,
    ].join("\n"),
    html: renderEmailDocument({
      siteName,
      title: subject,
      preheader: "Nothing has changed.",
      bodyHtml: `
<p style="margin:0 0 16px">Someone asked to subscribe this address to ${escapeHtml(siteName)}. It is already subscribed, so nothing has changed.</p>
<p style="margin:0"><a href="${escapeHtml(link)}" style="color:#8a1c1c">Change what you receive, pause or unsubscribe</a></p>`,
    }),
  };
}
