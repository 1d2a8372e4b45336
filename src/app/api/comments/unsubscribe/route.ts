import type { NextRequest } from "next/server";
import { plainTextAnswer, runRoute } from "@/lib/action";
import { stopReplyEmails } from "@/features/comments/commands";

const tokenOf = (request: NextRequest) => request.nextUrl.searchParams.get("token") ?? "";

/** Older reply emails linked here: the page with the button lives at /comments/unsubscribe. */
export function GET(request: NextRequest) {
  return Response.redirect(new URL(`/comments/unsubscribe?token=${encodeURIComponent(tokenOf(request))}`, request.nextUrl), 303);
}

/** RFC 8058 one-click unsubscribe (List-Unsubscribe-Post): mail providers POST here without a session. */
export async function POST(request: NextRequest) {
  return runRoute(stopReplyEmails, { token: tokenOf(request) }, {
    ok: ({ message }) => plainTextAnswer(message),
    refused: (failure, status) => plainTextAnswer(failure.error, status),
  });
}
