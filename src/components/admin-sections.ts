// The admin's sections and the permission each needs (src/lib/permissions.ts); pages check the same
// permission on the server.
import type { Role } from "@/generated/prisma/enums";
import { can, type Permission } from "@/lib/permissions";

export type AdminSection = { href: string; label: string; permission: Permission };

export const adminSections: readonly AdminSection[] = [
  { href: "/admin", label: "Dashboard", permission: "posts.write" },
  { href: "/admin/posts", label: "Posts", permission: "posts.write" },
  { href: "/admin/review", label: "Review", permission: "posts.review" },
  { href: "/admin/legal", label: "Legal", permission: "legal.cases" },
  { href: "/admin/comments", label: "Comments", permission: "comments.moderate" },
  { href: "/admin/complaints", label: "Complaints", permission: "complaints.manage" },
  { href: "/admin/subscribers", label: "Subscribers", permission: "subscribers.manage" },
  { href: "/admin/digest", label: "Digest", permission: "digest.manage" },
  { href: "/admin/outbox", label: "Outbox", permission: "outbox.read" },
  { href: "/admin/people", label: "People", permission: "people.manage" },
  { href: "/admin/series", label: "Series", permission: "series.manage" },
  { href: "/admin/categories", label: "Categories", permission: "categories.manage" },
  { href: "/admin/tags", label: "Tags", permission: "tags.manage" },
  { href: "/admin/pages", label: "Pages", permission: "pages.draft" },
  { href: "/admin/menus", label: "Menus", permission: "menus.manage" },
  { href: "/admin/settings", label: "Settings", permission: "settings.manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.read" },
  { href: "/admin/import", label: "Import", permission: "site.import" },
  { href: "/admin/backup", label: "Backup", permission: "site.backup" },
];

export function adminSectionsFor(role: Role): AdminSection[] {
  return adminSections.filter((section) => can({ role }, section.permission));
}
