import { firstParam, type SearchParams } from "@/lib/search-params";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { safeCallbackPath } from "@/features/people/sign-in";
import { SignInForm } from "@/features/people/components/sign-in-form";

// Reads its query string at request time; nothing here is worth a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

const notices: Record<string, string> = {
  "1": "You are signed out.",
  everywhere: "You are signed out on every device.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  if (await getCurrentUser()) redirect("/admin");
  const signedOutParam = firstParam(params, "signedOut");
  const signedOut = signedOutParam ? notices[signedOutParam] : undefined;
  const callbackParam = firstParam(params, "callbackUrl");
  const callbackUrl = callbackParam ? safeCallbackPath(callbackParam) : undefined;
  return (
    <section className="auth-card">
      <h1>Sign in</h1>
      {signedOut && <p className="form-notice">{signedOut}</p>}
      <p>Enter the address you were invited with. We will email you a link that signs you in; no password needed.</p>
      <SignInForm callbackUrl={callbackUrl} />
    </section>
  );
}
