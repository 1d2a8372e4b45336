import type { NextRequest } from "next/server";
import { runCommand, toActionFailure, httpStatusOf } from "@/lib/action";
import { stopReplyEmails } from "@/features/comments/commands";

const tokenOf = (request: NextRequest) => request.nextUrl.searchParams.get("token") ?? "";

/** Older reply emails linked here: the page with the button lives at /comments/unsubscribe. */
export function GET(request: NextRequest) {
  return Response.redirect(new URL(`/comments/unsubscribe?token=${encodeURIComponent(tokenOf(request))}`, request.nextUrl), 303);
}

/** RFC 8058 one-click unsubscribe (List-Unsubscribe-Post): mail providers POST here without a session. */
export async function POST(request: NextRequest) {
  try {
    await runCommand(stopReplyEmails, null, { token: tokenOf(request) });
    return new Response("Reply emails stopped.\n", { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  } catch (error) {
    return new Response(`${toActionFailure(error).error}\n`, { status: httpStatusOf(error), headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
}
