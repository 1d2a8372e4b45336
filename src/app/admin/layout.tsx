import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { signOutAction, signOutEverywhereAction } from "@/features/people/actions";
import { adminSectionsFor } from "@/components/admin-sections";
import { AdminNav } from "@/components/AdminNav";
import { countPendingComments } from "@/features/comments/data";
import { getSiteSettings } from "@/features/site/data";
import "./admin.css";

export async function generateMetadata(): Promise<Metadata> {
  const { name } = await getSiteSettings();
  return { title: { default: `${name} admin`, template: `%s · ${name} admin` }, robots: { index: false } };
}

// Every admin page depends on who is signed in: nothing here belongs in a shared static shell.
export const instant = false;

const roleLabels = { ADMIN: "Admin", EDITOR: "Editor", AUTHOR: "Author", GUEST: "Guest author" } as const;

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const [user, site] = await Promise.all([getCurrentUser(), getSiteSettings()]);
  if (!user) {
    return (
      <div className="admin admin-signed-out">
        <header className="admin-header">
          <Link href="/" className="admin-brand">
            {site.name}
          </Link>
        </header>
        <main className="admin-main">{children}</main>
      </div>
    );
  }
  const pendingComments = can(user, "comments.moderate") ? await countPendingComments() : 0;
  const links = adminSectionsFor(user.role).map(({ href, label }) => ({ href, label: href === "/admin/comments" && pendingComments > 0 ? `${label} (${pendingComments} pending)` : label }));
  return (
    <div className="admin">
      <header className="admin-header">
        <Link href="/admin" className="admin-brand">
          {site.name} admin
        </Link>
        <div className="admin-account">
          <Link href="/admin/profile">{user.displayName ?? user.email}</Link>
          <span className="admin-role">{roleLabels[user.role]}</span>
          <form action={signOutAction}>
            <button type="submit" className="link-button">
              Sign out
            </button>
          </form>
          <form action={signOutEverywhereAction}>
            <button type="submit" className="link-button">
              Sign out everywhere
            </button>
          </form>
        </div>
      </header>
      <div className="admin-body">
        <AdminNav links={links} />
        <main className="admin-main">{children}</main>
      </div>
    </div>
  );
}
