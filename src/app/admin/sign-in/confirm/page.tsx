import { firstParam, type SearchParams } from "@/lib/search-params";
import type { Metadata } from "next";
import Link from "next/link";
import { safeCallbackPath } from "@/features/people/sign-in";

// Reads its query string at request time; nothing here is worth a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Confirm sign-in", robots: { index: false }, referrer: "no-referrer" };

/**
 * Where the emailed link lands. Opening it spends nothing: the single-use token is only sent to
 * next-auth's callback when the person presses the button, so a mail scanner's visit is harmless.
 */
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const token = firstParam(params, "token") ?? "";
  const email = firstParam(params, "email") ?? "";
  const callbackUrl = safeCallbackPath(firstParam(params, "callbackUrl"));
  if (!token || !email) {
    return (
      <section className="auth-card">
        <h1>This sign-in link is incomplete</h1>
        <p>Copy the whole link from the email, or <Link href="/admin/sign-in">ask for a new one</Link>.</p>
      </section>
    );
  }
  return (
    <section className="auth-card">
      <h1>Sign in to Docket</h1>
      <p>
        Signing in as <strong>{email}</strong>.
      </p>
      <form method="get" action="/api/auth/callback/email">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <button type="submit">Continue and sign in</button>
      </form>
    </section>
  );
}
