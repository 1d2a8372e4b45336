// How the admin names each role, alone ("Editor") and in a sentence ("an editor").
import type { Role } from "@/generated/prisma/enums";

export const ROLES = ["ADMIN", "EDITOR", "AUTHOR", "GUEST"] as const;

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", EDITOR: "Editor", AUTHOR: "Author", GUEST: "Guest author" };

export const ROLE_IN_A_SENTENCE: Record<Role, string> = { ADMIN: "an admin", EDITOR: "an editor", AUTHOR: "an author", GUEST: "a guest author" };

/** What each role may do, for the role picker. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  ADMIN: "everything editors do, plus logins and roles",
  EDITOR: "every post, review, comments, subscribers, bylines",
  AUTHOR: "writes and publishes their own posts",
  GUEST: "writes drafts and submits them for review",
};
