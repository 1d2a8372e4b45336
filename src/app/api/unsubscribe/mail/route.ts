// The List-Unsubscribe mailto: address's mail, passed on by the mail system (a pipe to curl, or a
// provider's inbound webhook) as the raw message, with INBOUND_MAIL_SECRET as a Bearer token.
import { createHash, timingSafeEqual } from "node:crypto";
import { runRoute } from "@/lib/action";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { readBodyCapped } from "@/lib/request-body";
import { unsubscribeByMail } from "@/features/subscriptions/commands";

const MAX_MESSAGE_BYTES = 1024 * 1024;

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export async function POST(request: Request) {
  const secret = env().INBOUND_MAIL_SECRET;
  if (!secret) return Response.json({ error: "Unsubscribing by email is not set up here." }, { status: 404 });
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1] ?? "";
  if (!sameSecret(bearer, secret)) return Response.json({ error: "Wrong or missing Bearer token." }, { status: 401 });
  return runRoute(
    unsubscribeByMail,
    async () => {
      const raw = await readBodyCapped(request, MAX_MESSAGE_BYTES);
      if (raw === "too-large") throw new UserFacingError("The message is larger than 1 MB.", 413);
      return { raw };
    },
    { ok: ({ data }) => Response.json({ outcome: data?.outcome }, { headers: { "cache-control": "no-store" } }) },
  );
}
