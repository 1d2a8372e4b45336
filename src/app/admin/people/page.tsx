import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { AdminTable } from "@/components/AdminTable";
import { listPendingInvitations, listPeople, listProfilesForEditors, listUsersWithoutProfile } from "@/features/people/data";
import { listSeriesChoices } from "@/features/posts/admin/data";
import { formatLondonTime } from "@/lib/london-time";
import { BylineForm, InviteForm, LinkProfileForm } from "@/features/people/components/people-forms";
import { ROLE_LABELS } from "@/features/people/role-labels";
import styles from "@/features/people/components/people-admin.module.css";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const user = await requireUser("people.manage");
  const managesLogins = can(user, "users.manage");
  const [people, profiles, invitations, unlinkedUsers, series] = await Promise.all([
    listPeople(),
    listProfilesForEditors(),
    listPendingInvitations(),
    listUsersWithoutProfile(),
    listSeriesChoices(),
  ]);
  return (
    <>
      <h1>People</h1>
      <div className="cards">
        <section className="card">
          <h2>Invite a writer</h2>
          <p className="form-hint">They get an email that signs them in and asks them to set up their byline.</p>
          <InviteForm series={series} />
        </section>
        <section className="card">
          <h2>Add a byline without a login</h2>
          <p className="form-hint">For someone whose posts you publish for them. You can link it to a login later.</p>
          <BylineForm />
        </section>
      </div>

      <h2>Waiting for invitations to be accepted</h2>
      {invitations.length === 0 ? (
        <p className="form-hint">None.</p>
      ) : (
        <ul>
          {invitations.map((invitation) => (
            <li key={invitation.id}>
              {invitation.email} · {ROLE_LABELS[invitation.role]}
              {invitation.series ? ` · ${invitation.series.title}` : ""} · sent {formatLondonTime(invitation.createdAt, "medium")}
            </li>
          ))}
        </ul>
      )}

      <h2>Bylines</h2>
      <AdminTable
        rows={profiles}
        rowKey={(profile) => profile.id}
        empty="No bylines yet."
        columns={[
          { header: "Byline", cell: (profile) => <Link href={`/admin/people/bylines/${profile.id}`}><bdi>{profile.displayName}</bdi></Link> },
          { header: "Posts", cell: (profile) => profile._count.posts },
          { header: "Login", cell: (profile) => (profile.user ? profile.user.email : <LinkProfileForm profileId={profile.id} users={unlinkedUsers} />) },
          { header: "Pen name (editors only)", cell: (profile) => (profile.isPseudonymous ? `Pen name of ${profile.realName ?? "(real name not recorded)"}` : "—") },
        ]}
      />

      <h2>Logins</h2>
      {managesLogins && <p className="form-hint">Open a login to change its role or to deactivate it.</p>}
      <AdminTable
        rows={people}
        rowKey={(person) => person.id}
        empty="No logins yet."
        columns={[
          { header: "Email", cell: (person) => (managesLogins ? <Link href={`/admin/people/logins/${person.id}`}>{person.email}</Link> : person.email) },
          { header: "Role", cell: (person) => ROLE_LABELS[person.role] },
          {
            header: "Status",
            cell: (person) => (person.deactivatedAt ? <span className={styles.deactivated}>Deactivated {formatLondonTime(person.deactivatedAt, "medium")}</span> : "Active"),
          },
          { header: "Byline", cell: (person) => (person.profile ? <bdi>{person.profile.displayName}</bdi> : "—") },
          { header: "Active sessions", cell: (person) => person._count.sessions },
        ]}
      />
    </>
  );
}
