// Asking for a magic link: rate-limited per address and per IP, and the same answer whether or not
// the address belongs to anyone (only existing users get an email).
import { consumeRateLimit } from "@/lib/rate-limit";
import { safeCallbackPath, signInConfirmUrl } from "@/lib/auth";
import { findUserIdByEmail } from "./data";
import { createSignInToken } from "./mutations";
import { sendSignInEmail } from "./emails";
import { signInRequestSchema } from "./schema";

export const SIGN_IN_LIMITS = {
  perAddress: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 20, windowSeconds: 15 * 60 },
};

/**
 * `mailSent` settles once the email (if any) is on its way. Callers answer without waiting for it, so
 * a known address does not answer more slowly than an unknown one; it never rejects.
 */
export type SignInRequestResult = { ok: true; mailSent: Promise<void> } | { ok: false; error: string };

async function emailSignInLink(email: string, callbackPath: string): Promise<void> {
  try {
    const token = await createSignInToken(email);
    await sendSignInEmail({ to: email, url: signInConfirmUrl({ token, email, callbackUrl: callbackPath }), reason: "sign-in" });
  } catch (error) {
    console.error("[sign-in] could not email a sign-in link:", error instanceof Error ? error.message : error);
  }
}

export async function requestSignInLink(input: { email: unknown; callbackUrl?: unknown; ip: string }): Promise<SignInRequestResult> {
  const parsed = signInRequestSchema.safeParse({ email: input.email, callbackUrl: input.callbackUrl ?? undefined });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
  const { email } = parsed.data;

  const [byIp, byAddress] = await Promise.all([
    consumeRateLimit(`sign-in:ip:${input.ip}`, SIGN_IN_LIMITS.perIp),
    consumeRateLimit(`sign-in:email:${email}`, SIGN_IN_LIMITS.perAddress),
  ]);
  if (!byIp.allowed || !byAddress.allowed) {
    const minutes = Math.ceil(Math.max(byIp.retryAfterSeconds, byAddress.retryAfterSeconds) / 60);
    return { ok: false, error: `Too many sign-in attempts. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }

  const known = await findUserIdByEmail(email);
  return { ok: true, mailSent: known ? emailSignInLink(email, safeCallbackPath(parsed.data.callbackUrl)) : Promise.resolve() };
}
