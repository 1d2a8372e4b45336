// RFC 8058 one-click unsubscribe: the List-Unsubscribe URL of every bulk email. Mail providers POST
// "List-Unsubscribe=One-Click" here with no cookies; the signed token is the only authority needed.
import { NextResponse, type NextRequest } from "next/server";
import { siteUrl } from "@/lib/env";
import { verifySignedToken } from "@/lib/signed-links";
import { unsubscribeSubscriber } from "@/features/subscriptions/mutations";

export async function POST(request: NextRequest) {
  const check = verifySignedToken(request.nextUrl.searchParams.get("token"), "unsubscribe");
  if (!check.ok) return new NextResponse("This unsubscribe link is not valid.\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  await unsubscribeSubscriber(check.subject);
  return new NextResponse("You are unsubscribed.\n", { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/** A person (or a link scanner) opening the URL: show the page with its button; change nothing. */
export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  return NextResponse.redirect(`${siteUrl()}/subscription/unsubscribe?token=${encodeURIComponent(token)}`, 303);
}
