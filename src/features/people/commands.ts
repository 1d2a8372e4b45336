// People operations as `xxxFor(user, input)`, checked on the server: invitations, profiles, bylines.
import { assertRole, EDITOR_ROLES, signInConfirmUrl, type SessionUser } from "@/lib/auth";
import { tags } from "@/lib/cache-tags";
import { InputError, parseInput } from "@/features/editorial/command-errors";
import { recordAudit } from "@/features/editorial/mutations";
import { refreshAuthorSearchDocuments } from "@/features/search/mutations";
import { z } from "zod";
import { findProfileLinkState, findUserWithProfile } from "./data";
import { createByline, createInvitation, createSignInToken, linkProfileToUser, saveOwnProfile, setProfilePseudonym } from "./mutations";
import { sendSignInEmail } from "./emails";
import { bylineSchema, invitationSchema, linkProfileSchema, profileSchema, pseudonymSchema } from "./schema";

export type PeopleResult = { tagsToInvalidate: string[]; message: string };

const authorTags = (slug: string) => [tags.site, tags.authors, tags.author(slug), tags.posts];

export async function inviteAuthorFor(user: SessionUser | null, input: unknown): Promise<PeopleResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const invitation = parseInput(invitationSchema, input);
  const created = await createInvitation({ ...invitation, seriesId: invitation.seriesId ?? null, invitedById: actor.id });
  const token = await createSignInToken(invitation.email);
  await sendSignInEmail({
    to: invitation.email,
    url: signInConfirmUrl({ token, email: invitation.email, callbackUrl: "/admin/profile" }),
    reason: "invitation",
    inviterName: actor.displayName ?? "An editor",
    seriesTitle: created.seriesTitle,
  });
  await recordAudit({ actorId: actor.id, action: "invitation.sent", entityType: "Invitation", entityId: created.invitationId, details: { role: invitation.role } });
  return { tagsToInvalidate: [], message: `Invitation sent to ${invitation.email}.` };
}

const avatarSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => value === "" || value.startsWith("/uploads/"), "Upload the picture here rather than linking to it.")
  .transform((value) => (value === "" ? null : value));

export async function completeProfileFor(user: SessionUser | null, input: unknown): Promise<PeopleResult> {
  const actor = assertRole(user);
  const fields = parseInput(profileSchema.extend({ avatarUrl: avatarSchema.default("") }), input);
  const saved = await saveOwnProfile(actor, fields);
  if (saved.nameChanged) await refreshAuthorSearchDocuments(saved.profileId);
  await recordAudit({ actorId: actor.id, action: "profile.completed", entityType: "AuthorProfile", entityId: saved.profileId });
  return { tagsToInvalidate: authorTags(saved.slug), message: "Profile saved." };
}

export async function createBylineFor(user: SessionUser | null, input: unknown): Promise<PeopleResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const fields = parseInput(bylineSchema, input);
  const profile = await createByline(fields);
  await recordAudit({ actorId: actor.id, action: "profile.created", entityType: "AuthorProfile", entityId: profile.id });
  return { tagsToInvalidate: [], message: `Byline “${fields.displayName}” created.` };
}

export async function linkProfileFor(user: SessionUser | null, input: unknown): Promise<PeopleResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const { profileId, userId } = parseInput(linkProfileSchema, input);
  const [profile, target] = await Promise.all([findProfileLinkState(profileId), findUserWithProfile(userId)]);
  if (!profile || !target) throw new InputError("That byline or login no longer exists.");
  if (profile.userId) throw new InputError("That byline already belongs to a login.");
  if (target.profile) throw new InputError("That login already has a byline.");
  const linked = await linkProfileToUser(profileId, userId);
  await recordAudit({ actorId: actor.id, action: "profile.linked", entityType: "AuthorProfile", entityId: profileId, details: { userId } });
  return { tagsToInvalidate: authorTags(linked.slug), message: "Byline linked to the login." };
}

export async function setPseudonymFor(user: SessionUser | null, input: unknown): Promise<PeopleResult> {
  const actor = assertRole(user, EDITOR_ROLES);
  const { profileId, isPseudonymous, realName } = parseInput(pseudonymSchema, input);
  if (!(await findProfileLinkState(profileId))) throw new InputError("That byline no longer exists.");
  const updated = await setProfilePseudonym(profileId, isPseudonymous, realName);
  await recordAudit({ actorId: actor.id, action: "profile.pseudonym-changed", entityType: "AuthorProfile", entityId: profileId, details: { isPseudonymous } });
  return { tagsToInvalidate: authorTags(updated.slug), message: isPseudonymous ? "Marked as a pen name." : "No longer marked as a pen name." };
}
