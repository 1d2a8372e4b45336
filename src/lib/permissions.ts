// The one table of what each role may do. Every check (actions, pages, navigation, route handlers)
// reads it through `can`; features add ownership rules on top in their own permissions.ts.
import type { Role } from "@/generated/prisma/enums";

const writer = [
  /** Start drafts, edit and submit one's own posts. */
  "posts.write",
] as const;

const author = [
  ...writer,
  /** Publish one's own posts without review, and correct them once they are out. */
  "posts.publishOwn",
  /** Reorder or drop the co-authors of one's own post. */
  "posts.arrangeBylines",
  /** Start static pages and edit one's own until they are published; publishing is an editor's. */
  "pages.draft",
] as const;

const editor = [
  ...author,
  /** See and edit every post in any state, publish any post. */
  "posts.editAny",
  /** Feedback, requests for changes, scheduling and unpublishing. */
  "posts.review",
  /** Add anyone to a post's byline. */
  "posts.addBylines",
  /** Create, edit, archive and delete series, and order their posts. */
  "series.manage",
  /** Categories and their sponsor blocks. */
  "categories.manage",
  /** Rename, merge and delete tags. */
  "tags.manage",
  "comments.moderate",
  "subscribers.manage",
  "digest.manage",
  "outbox.read",
  /** Invitations, bylines and pen names. */
  "people.manage",
  "audit.read",
  /** Edit, publish, unpublish and delete any static page. */
  "pages.manage",
  /** Readers' complaints: the queue, its notes and outcomes, the yearly summary. */
  "complaints.manage",
  /** The legal desk's cases and their protected terms; link posts to cases; put posts on hold and lift holds. */
  "legal.cases",
] as const;

/** Given to admins, and to the editors an admin marks as legal reviewers (User.legalReviewer). */
const legalReviewer = [
  /** Clear a revision to go live past the legal gate, overriding the scan's matches with a reason. */
  "legal.review",
] as const;

const admin = [
  ...editor,
  ...legalReviewer,
  /** The site's name, tagline, logo, favicon, social accounts, footer, defaults and digest time. */
  "settings.manage",
  /** The header and footer navigation. */
  "menus.manage",
  /** Change a login's role, deactivate and reactivate logins. */
  "users.manage",
  /** Download the whole site as a backup, and restore one into an empty site. */
  "site.backup",
  /** Import a WordPress export. */
  "site.import",
] as const;

export type Permission = (typeof admin)[number];

export const PERMISSIONS_BY_ROLE: Record<Role, readonly Permission[]> = {
  ADMIN: admin,
  EDITOR: editor,
  AUTHOR: author,
  GUEST: writer,
};

/** What an editor marked as a legal reviewer may do besides an editor's work. */
export const LEGAL_REVIEWER_PERMISSIONS: readonly Permission[] = legalReviewer;

export type PermissionHolder = { role: Role; legalReviewer?: boolean };

export function can(user: PermissionHolder | null | undefined, permission: Permission): boolean {
  if (user == null) return false;
  if (PERMISSIONS_BY_ROLE[user.role].includes(permission)) return true;
  return user.role === "EDITOR" && user.legalReviewer === true && LEGAL_REVIEWER_PERMISSIONS.includes(permission);
}

/** The roles that have `permission` whoever holds them (a legal reviewer's flag is not a role). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(PERMISSIONS_BY_ROLE) as Role[]).filter((role) => PERMISSIONS_BY_ROLE[role].includes(permission));
}
