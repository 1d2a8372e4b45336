import Link from "next/link";

export default function AdminNotFound() {
  return (
    <section className="auth-card">
      <h1>Not available</h1>
      <p>This page does not exist.</p>
      <p>
        <Link href="/admin">Back to the dashboard</Link>
      </p>
    </section>
  );
}
