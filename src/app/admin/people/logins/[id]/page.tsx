import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { formatLondonTime } from "@/lib/london-time";
import { findLoginForAdmin } from "@/features/people/data";
import { ActivationForm, RoleForm } from "@/features/people/components/login-forms";
import { ROLE_LABELS } from "@/features/people/role-labels";
import styles from "@/features/people/components/people-admin.module.css";
import { LegalReviewerForm } from "@/features/legal/components/LegalReviewerForm";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Login" };

const idSchema = z.string().min(1).max(40);

export default async function LoginPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireUser("users.manage");
  const id = idSchema.safeParse((await params).id);
  const login = id.success ? await findLoginForAdmin(id.data) : null;
  if (!login) notFound();
  const isSelf = login.id === admin.id;
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/people">People</Link>
      </p>
      <h1>{login.email}</h1>
      <dl className={styles.facts}>
        <dt>Role</dt>
        <dd>{ROLE_LABELS[login.role]}</dd>
        <dt>Status</dt>
        <dd>{login.deactivatedAt ? <span className={styles.deactivated}>Deactivated {formatLondonTime(login.deactivatedAt, "medium")}</span> : "Active"}</dd>
        <dt>Byline</dt>
        <dd>{login.profile ? <Link href={`/admin/people/bylines/${login.profile.id}`}>{login.profile.displayName}</Link> : "None yet"}</dd>
        <dt>Signed in on</dt>
        <dd>{login._count.sessions === 1 ? "1 device" : `${login._count.sessions} devices`}</dd>
        <dt>Since</dt>
        <dd>{formatLondonTime(login.createdAt, "medium")}</dd>
      </dl>

      <h2>Role</h2>
      <p className="form-hint">A new role applies from the person’s next click: they need not sign in again. There must always be an active admin.</p>
      <RoleForm userId={login.id} role={login.role} />

      {login.role === "EDITOR" && <LegalReviewerForm userId={login.id} />}

      <h2>{login.deactivatedAt ? "Reactivate" : "Deactivate"}</h2>
      {isSelf ? (
        <p className="form-hint">You cannot deactivate your own login: another admin can.</p>
      ) : login.deactivatedAt ? (
        <>
          <p className="form-hint">Reactivated, they can sign in again with a link emailed to {login.email}.</p>
          <ActivationForm userId={login.id} deactivated />
        </>
      ) : (
        <>
          <p className="form-hint">
            They are signed out on every device at once and can no longer sign in. Their posts and bylines stay as they are, and you can reactivate the login later.
          </p>
          <ActivationForm userId={login.id} deactivated={false} />
        </>
      )}
    </>
  );
}
