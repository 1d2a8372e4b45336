import Link from "next/link";

export default function AdminNotFound() {
  return (
    <section className="auth-card">
      <h1>Not available</h1>
      <p>This page does not exist, or your role does not give access to it.</p>
      <p>
        <Link href="/admin">Back to the dashboard</Link>
      </p>
    </section>
  );
}
