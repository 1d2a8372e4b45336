// RFC 8058 one-click unsubscribe: the List-Unsubscribe URL of every bulk email. Mail providers POST
// "List-Unsubscribe=One-Click" here with no cookies; the signed token is the only authority needed.
import { NextResponse, type NextRequest } from "next/server";
import { plainTextAnswer, runRoute } from "@/lib/action";
import { siteUrl } from "@/lib/env";
import { unsubscribeByLink } from "@/features/subscriptions/commands";

const tokenOf = (request: NextRequest) => request.nextUrl.searchParams.get("token") ?? "";

export async function POST(request: NextRequest) {
  return runRoute(unsubscribeByLink, { token: tokenOf(request) }, {
    ok: ({ message }) => plainTextAnswer(message),
    refused: (failure, status) => plainTextAnswer(failure.error, status),
  });
}

/** A person (or a link scanner) opening the URL: show the page with its button; change nothing. */
export async function GET(request: NextRequest) {
  return NextResponse.redirect(`${siteUrl()}/subscription/unsubscribe?token=${encodeURIComponent(tokenOf(request))}`, 303);
}
