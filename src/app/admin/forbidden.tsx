import Link from "next/link";

export default function AdminForbidden() {
  return (
    <section className="auth-card">
      <h1>Not available</h1>
      <p>Your role does not give access to this page.</p>
      <p>
        <Link href="/admin">Back to the dashboard</Link>
      </p>
    </section>
  );
}
