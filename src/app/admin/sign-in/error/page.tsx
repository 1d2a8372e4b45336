import { firstParam, type SearchParams } from "@/lib/search-params";
import type { Metadata } from "next";
import Link from "next/link";

// Reads its query string at request time; nothing here is worth a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Sign-in problem", robots: { index: false } };

const explanations: Record<string, string> = {
  Verification: "This sign-in link has expired or has already been used. Links work once, for 24 hours.",
  AccessDenied: "This address cannot sign in. Ask an editor for an invitation.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const error = firstParam(await searchParams, "error");
  const explanation = (error && explanations[error]) || "Something went wrong while signing you in.";
  return (
    <section className="auth-card">
      <h1>We could not sign you in</h1>
      <p role="alert">{explanation}</p>
      <p>
        <Link href="/admin/sign-in">Ask for a new sign-in link</Link>
      </p>
    </section>
  );
}
