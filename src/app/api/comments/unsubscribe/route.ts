import type { NextRequest } from "next/server";
import { verifySignedToken } from "@/lib/signed-links";
import { env } from "@/lib/env";
import { escapeHtml } from "@/lib/mail/layout";
import { commentIdFromUnsubscribeSubject } from "@/features/comments/emails";
import { stopReplyNotifications } from "@/features/comments/mutations";

function page(title: string, body: string, status = 200): Response {
  const html = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(env().SITE_NAME)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color-scheme:light dark}button{font:inherit;padding:.5rem 1rem;cursor:pointer}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}<p><a href="/">Back to ${escapeHtml(env().SITE_NAME)}</a></p></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

function commentIdFrom(request: NextRequest): string | null {
  const check = verifySignedToken(request.nextUrl.searchParams.get("token"), "unsubscribe");
  return check.ok ? commentIdFromUnsubscribeSubject(check.subject) : null;
}

/** The link in a reply email: a page with one button, so a mail scanner's visit changes nothing. */
export function GET(request: NextRequest) {
  if (!commentIdFrom(request)) return page("This link is not valid", "<p>Check that you copied the whole link from the email.</p>", 400);
  const action = `/api/comments/unsubscribe?token=${encodeURIComponent(request.nextUrl.searchParams.get("token") ?? "")}`;
  return page(
    "Stop reply emails",
    `<p>You will no longer be emailed when someone replies to your comments.</p><form method="post" action="${escapeHtml(action)}"><button type="submit">Stop reply emails</button></form>`,
  );
}

/** RFC 8058 one-click unsubscribe (List-Unsubscribe-Post), and the button above. */
export async function POST(request: NextRequest) {
  const commentId = commentIdFrom(request);
  if (!commentId) return page("This link is not valid", "<p>Check that you copied the whole link from the email.</p>", 400);
  await stopReplyNotifications(commentId);
  return page("Reply emails stopped", "<p>You will no longer be emailed when someone replies to your comments.</p>");
}
