// Who may do what to a static page, over the role table (src/lib/permissions.ts): editors and admins
// anything; authors start pages and work on their own until an editor publishes them.
import type { PageStatus } from "@/generated/prisma/enums";
import { can } from "@/lib/permissions";
import type { Role } from "@/generated/prisma/enums";

type Actor = { id: string; role: Role };
export type PageAccessFacts = { status: PageStatus; createdById: string | null };

const ownsUnpublished = (user: Actor, page: PageAccessFacts) => can(user, "pages.draft") && page.createdById === user.id && page.status !== "PUBLISHED";

export function canViewPageInAdmin(user: Actor, page: PageAccessFacts): boolean {
  return can(user, "pages.manage") || (can(user, "pages.draft") && page.createdById === user.id);
}

export function canEditPage(user: Actor, page: PageAccessFacts): boolean {
  return can(user, "pages.manage") || ownsUnpublished(user, page);
}

export function canPublishPage(user: Actor, page: PageAccessFacts): boolean {
  return can(user, "pages.manage") && page.status !== "PUBLISHED";
}

/** Update or discard a published page's working copy: whoever may publish pages. */
export function canUpdatePage(user: Actor, page: PageAccessFacts): boolean {
  return can(user, "pages.manage") && page.status === "PUBLISHED";
}

export function canUnpublishPage(user: Actor, page: PageAccessFacts): boolean {
  return can(user, "pages.manage") && page.status === "PUBLISHED";
}

/** A published page is unpublished before it can go; an author may delete a draft of theirs. */
export function canDeletePage(user: Actor, page: PageAccessFacts): boolean {
  if (page.status === "PUBLISHED") return false;
  return can(user, "pages.manage") || (ownsUnpublished(user, page) && page.status === "DRAFT");
}

export type PageActionFlags = { edit: boolean; publish: boolean; update: boolean; unpublish: boolean; delete: boolean };

export function pageActionFlags(user: Actor, page: PageAccessFacts): PageActionFlags {
  return {
    edit: canEditPage(user, page),
    publish: canPublishPage(user, page),
    update: canUpdatePage(user, page),
    unpublish: canUnpublishPage(user, page),
    delete: canDeletePage(user, page),
  };
}
