// People operations as commands (src/lib/action.ts): invitations, profiles, bylines and pen names.
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { tags } from "@/lib/cache-tags";
import { InputError, UserFacingError } from "@/lib/errors";
import type { Role } from "@/generated/prisma/enums";
import { paths } from "@/lib/seo";
import { refreshAuthorSearchDocuments } from "@/features/posts/store";
import { findLoginState, findProfileLinkState, findUserWithProfile, isLoginDeactivated, isProfileSlugTaken } from "./data";
import {
  changeUserRole,
  createByline,
  createInvitation,
  createSignInToken,
  deactivateUser,
  deleteAllSessionsOfUser,
  deleteSession,
  linkProfileToUser,
  ProfileSlugTakenError,
  reactivateUser,
  saveOwnProfile,
  updateByline,
} from "./mutations";
import { queueSignInEmail } from "./emails";
import { ROLE_IN_A_SENTENCE } from "./role-labels";
import { avatarSchema, bylineEditSchema, bylineSchema, invitationSchema, linkProfileSchema, loginSchema, profileSchema, roleChangeSchema, signInRequestSchema } from "./schema";
import { requestSignInLink, signInConfirmUrl } from "./sign-in";

const authorTags = (slug: string) => [tags.site, tags.authors, tags.author(slug), tags.posts];

export const inviteAuthor = defineCommand({
  access: "people.manage",
  input: invitationSchema,
  async run(invitation, actor) {
    if (await isLoginDeactivated(invitation.email)) {
      const message = "That address belongs to a deactivated login: an admin can reactivate it from the People page.";
      throw new InputError(message, { email: message });
    }
    const created = await createInvitation({ ...invitation, seriesId: invitation.seriesId ?? null, invitedById: actor.id });
    const token = await createSignInToken(invitation.email);
    await queueSignInEmail({
      to: invitation.email,
      url: signInConfirmUrl({ token, email: invitation.email, callbackUrl: "/admin/profile" }),
      reason: "invitation",
      inviterName: actor.displayName ?? "An editor",
      seriesTitle: created.seriesTitle,
    });
    return { message: `Invitation sent to ${invitation.email}.`, data: { invitationId: created.invitationId } };
  },
  audit: ({ role }, { data }) => ({ action: "invitation.sent", entityType: "Invitation", entityId: data.invitationId, details: { role } }),
});

export const completeProfile = defineCommand({
  access: "signed-in",
  input: profileSchema.extend({ avatarUrl: avatarSchema.default("") }),
  async run(fields, actor) {
    const saved = await saveOwnProfile(actor, fields);
    if (saved.nameChanged) await refreshAuthorSearchDocuments(saved.profileId);
    return { message: "Profile saved.", tags: authorTags(saved.slug), data: { profileId: saved.profileId } };
  },
  audit: (_fields, { data }) => ({ action: "profile.completed", entityType: "AuthorProfile", entityId: data.profileId }),
});

export const createBylineProfile = defineCommand({
  access: "people.manage",
  input: bylineSchema,
  async run(fields) {
    const profile = await createByline(fields);
    return { message: `Byline “${fields.displayName}” created.`, data: { profileId: profile.id } };
  },
  audit: (_fields, { data }) => ({ action: "profile.created", entityType: "AuthorProfile", entityId: data.profileId }),
});

export const linkProfile = defineCommand({
  access: "people.manage",
  input: linkProfileSchema,
  async run({ profileId, userId }) {
    const [profile, target] = await Promise.all([findProfileLinkState(profileId), findUserWithProfile(userId)]);
    if (!profile || !target) throw new InputError("That byline or login no longer exists.");
    if (profile.userId) throw new InputError("That byline already belongs to a login.");
    if (target.profile) throw new InputError("That login already has a byline.");
    const linked = await linkProfileToUser(profileId, userId);
    return { message: "Byline linked to the login.", tags: authorTags(linked.slug) };
  },
  audit: ({ profileId, userId }) => ({ action: "profile.linked", entityType: "AuthorProfile", entityId: profileId, details: { userId } }),
});

const LOGIN_GONE = "That login no longer exists.";

/** A new role applies from the login's next request: the session lookup reads the role every time. */
export const changeRole = defineCommand({
  access: "users.manage",
  input: roleChangeSchema,
  async run({ userId, role }) {
    const login = await findLoginState(userId);
    if (!login) throw new InputError(LOGIN_GONE);
    if (login.role === role) return { message: `${login.email} is already ${ROLE_IN_A_SENTENCE[role]}.`, data: { previousRole: null as Role | null } };
    const changed = await changeUserRole(userId, role);
    if (!changed) throw new InputError(LOGIN_GONE);
    return { message: `${login.email} is now ${ROLE_IN_A_SENTENCE[role]}.`, data: { previousRole: changed.previousRole } };
  },
  audit: ({ userId, role }, { data }) =>
    data.previousRole ? { action: "user.role-changed", entityType: "User", entityId: userId, details: { from: data.previousRole, to: role } } : null,
});

/** Signs the login out everywhere at once and keeps it out; its bylines and posts stay. */
export const deactivateLogin = defineCommand({
  access: "users.manage",
  input: loginSchema,
  async run({ userId }, actor) {
    if (userId === actor.id) throw new UserFacingError("You cannot deactivate your own login: another admin can.");
    const login = await findLoginState(userId);
    if (!login) throw new InputError(LOGIN_GONE);
    if (login.deactivatedAt) return { message: `${login.email} is already deactivated.`, data: { sessionsEnded: null as number | null } };
    const done = await deactivateUser(userId);
    if (!done) throw new InputError(LOGIN_GONE);
    return { message: `${login.email} is deactivated and signed out everywhere. Their posts and bylines stay.`, data: { sessionsEnded: done.sessionsEnded } };
  },
  audit: ({ userId }, { data }) =>
    data.sessionsEnded === null ? null : { action: "user.deactivated", entityType: "User", entityId: userId, details: { sessionsEnded: data.sessionsEnded } },
});

export const reactivateLogin = defineCommand({
  access: "users.manage",
  input: loginSchema,
  async run({ userId }) {
    const login = await findLoginState(userId);
    if (!login) throw new InputError(LOGIN_GONE);
    if (!login.deactivatedAt) return { message: `${login.email} is already active.`, data: { reactivated: false } };
    if (!(await reactivateUser(userId))) throw new InputError(LOGIN_GONE);
    return { message: `${login.email} is active again and can sign in with an emailed link.`, data: { reactivated: true } };
  },
  audit: ({ userId }, { data }) => (data.reactivated ? { action: "user.reactivated", entityType: "User", entityId: userId } : null),
});

/** Any byline's public fields, and its pen-name status; the real name is stored for editors only. */
export const editByline = defineCommand({
  access: "people.manage",
  input: bylineEditSchema,
  async run({ profileId, ...fields }) {
    if (await isProfileSlugTaken(fields.slug, profileId)) throw new ProfileSlugTakenError(fields.slug);
    const saved = await updateByline(profileId, fields);
    if (!saved) throw new InputError("That byline no longer exists.");
    if (saved.nameChanged) await refreshAuthorSearchDocuments(profileId);
    const moved = saved.previousSlug !== fields.slug;
    return {
      message: moved ? `Byline saved. Its author page is now at ${paths.author(fields.slug)}; the old address leads there.` : "Byline saved.",
      tags: [...authorTags(saved.previousSlug), tags.author(fields.slug), ...(moved ? [tags.redirects] : [])],
      data: { previousSlug: moved ? saved.previousSlug : null },
    };
  },
  audit: ({ profileId, slug, isPseudonymous }, { data }) => ({
    action: "profile.edited",
    entityType: "AuthorProfile",
    entityId: profileId,
    details: { slug, ...(data.previousSlug ? { previousSlug: data.previousSlug } : {}), isPseudonymous },
  }),
});

/** Ends this browser's session (if it still has one): anyone may sign out, even with an expired session. */
export const signOut = defineCommand({
  access: "public",
  input: z.object({ sessionToken: z.string().max(200).nullable() }),
  async run({ sessionToken }) {
    if (sessionToken) await deleteSession(sessionToken);
    return { message: "Signed out." };
  },
});

/** Ends every session of the signed-in login, on every device. */
export const signOutEverywhere = defineCommand({
  access: "signed-in",
  input: z.object({}),
  async run(_input, actor) {
    await deleteAllSessionsOfUser(actor.id);
    return { message: "Signed out everywhere." };
  },
  audit: (_input, _outcome, actor) => ({ action: "user.signed-out-everywhere", entityType: "User", entityId: actor.id }),
});

/** Anyone may ask; the answer is the same whether or not the address belongs to anyone. */
export const requestSignIn = defineCommand({
  access: "public",
  input: signInRequestSchema.extend({ ip: z.string().max(100) }),
  async run(request) {
    await requestSignInLink(request);
    return { message: "Check your email.", redirectTo: "/admin/sign-in/check-email" };
  },
});
