import type { Role } from "@/generated/prisma/enums";

export type AdminSection = { href: string; label: string; roles: readonly Role[] };

const everyone: readonly Role[] = ["ADMIN", "EDITOR", "AUTHOR", "GUEST"];
const editors: readonly Role[] = ["ADMIN", "EDITOR"];

/** The admin sections and who may open them; pages check the same roles on the server. */
export const adminSections: readonly AdminSection[] = [
  { href: "/admin", label: "Dashboard", roles: everyone },
  { href: "/admin/posts", label: "Posts", roles: everyone },
  { href: "/admin/review", label: "Review", roles: editors },
  { href: "/admin/comments", label: "Comments", roles: editors },
  { href: "/admin/subscribers", label: "Subscribers", roles: editors },
  { href: "/admin/digest", label: "Digest", roles: editors },
  { href: "/admin/outbox", label: "Outbox", roles: editors },
  { href: "/admin/people", label: "People", roles: editors },
  { href: "/admin/series", label: "Series", roles: editors },
  { href: "/admin/audit", label: "Audit log", roles: editors },
];

export function adminSectionsFor(role: Role): AdminSection[] {
  return adminSections.filter((section) => section.roles.includes(role));
}
