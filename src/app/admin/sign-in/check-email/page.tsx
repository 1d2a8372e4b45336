import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function CheckEmailPage() {
  return (
    <section className="auth-card">
      <h1>Check your email</h1>
      <p>
        If that address belongs to a Docket account, a sign-in link is on its way. The link works for 24 hours and
        can be used once.
      </p>
      <p>Nothing arrived after a few minutes? Check your spam folder, or <Link href="/admin/sign-in">ask for another link</Link>.</p>
    </section>
  );
}
