// People operations as commands (src/lib/action.ts): invitations, profiles, bylines and pen names.
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { tags } from "@/lib/cache-tags";
import { InputError, UserFacingError } from "@/lib/errors";
import { paths } from "@/lib/seo";
import { refreshAuthorSearchDocuments } from "@/features/posts/store";
import { findLoginState, findProfileLinkState, findUserWithProfile, isLoginDeactivated, isProfileSlugTaken } from "./data";
import {
  changeUserRole,
  createByline,
  createInvitation,
  createSignInToken,
  deactivateUser,
  linkProfileToUser,
  ProfileSlugTakenError,
  reactivateUser,
  saveOwnProfile,
  updateByline,
} from "./mutations";
import { sendSignInEmail } from "./emails";
import { ROLE_IN_A_SENTENCE } from "./role-labels";
import { avatarSchema, bylineEditSchema, bylineSchema, invitationSchema, linkProfileSchema, loginSchema, profileSchema, roleChangeSchema } from "./schema";
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
    await sendSignInEmail({
      to: invitation.email,
      url: signInConfirmUrl({ token, email: invitation.email, callbackUrl: "/admin/profile" }),
      reason: "invitation",
      inviterName: actor.displayName ?? "An editor",
      seriesTitle: created.seriesTitle,
    });
    await recordAudit({ actorId: actor.id, action: "invitation.sent", entityType: "Invitation", entityId: created.invitationId, details: { role: invitation.role } });
    return { message: `Invitation sent to ${invitation.email}.` };
  },
});

export const completeProfile = defineCommand({
  access: "signed-in",
  input: profileSchema.extend({ avatarUrl: avatarSchema.default("") }),
  async run(fields, actor) {
    const saved = await saveOwnProfile(actor, fields);
    if (saved.nameChanged) await refreshAuthorSearchDocuments(saved.profileId);
    await recordAudit({ actorId: actor.id, action: "profile.completed", entityType: "AuthorProfile", entityId: saved.profileId });
    return { message: "Profile saved.", tags: authorTags(saved.slug) };
  },
});

export const createBylineProfile = defineCommand({
  access: "people.manage",
  input: bylineSchema,
  async run(fields, actor) {
    const profile = await createByline(fields);
    await recordAudit({ actorId: actor.id, action: "profile.created", entityType: "AuthorProfile", entityId: profile.id });
    return { message: `Byline “${fields.displayName}” created.` };
  },
});

export const linkProfile = defineCommand({
  access: "people.manage",
  input: linkProfileSchema,
  async run({ profileId, userId }, actor) {
    const [profile, target] = await Promise.all([findProfileLinkState(profileId), findUserWithProfile(userId)]);
    if (!profile || !target) throw new InputError("That byline or login no longer exists.");
    if (profile.userId) throw new InputError("That byline already belongs to a login.");
    if (target.profile) throw new InputError("That login already has a byline.");
    const linked = await linkProfileToUser(profileId, userId);
    await recordAudit({ actorId: actor.id, action: "profile.linked", entityType: "AuthorProfile", entityId: profileId, details: { userId } });
    return { message: "Byline linked to the login.", tags: authorTags(linked.slug) };
  },
});

const LOGIN_GONE = "That login no longer exists.";

/** A new role applies from the login's next request: the session lookup reads the role every time. */
export const changeRole = defineCommand({
  access: "users.manage",
  input: roleChangeSchema,
  async run({ userId, role }, actor) {
    const login = await findLoginState(userId);
    if (!login) throw new InputError(LOGIN_GONE);
    if (login.role === role) return { message: `${login.email} is already ${ROLE_IN_A_SENTENCE[role]}.` };
    const changed = await changeUserRole(userId, role);
    if (!changed) throw new InputError(LOGIN_GONE);
    await recordAudit({ actorId: actor.id, action: "user.role-changed", entityType: "User", entityId: userId, details: { from: changed.previousRole, to: role } });
    return { message: `${login.email} is now ${ROLE_IN_A_SENTENCE[role]}.` };
  },
});

/** Signs the login out everywhere at once and keeps it out; its bylines and posts stay. */
export const deactivateLogin = defineCommand({
  access: "users.manage",
  input: loginSchema,
  async run({ userId }, actor) {
    if (userId === actor.id) throw new UserFacingError("You cannot deactivate your own login: another admin can.");
    const login = await findLoginState(userId);
    if (!login) throw new InputError(LOGIN_GONE);
    if (login.deactivatedAt) return { message: `${login.email} is already deactivated.` };
    const done = await deactivateUser(userId);
    if (!done) throw new InputError(LOGIN_GONE);
    await recordAudit({ actorId: actor.id, action: "user.deactivated", entityType: "User", entityId: userId, details: { sessionsEnded: done.sessionsEnded } });
    return { message: `${login.email} is deactivated and signed out everywhere. Their posts and bylines stay.` };
  },
});

export const reactivateLogin = defineCommand({
  access: "users.manage",
  input: loginSchema,
  async run({ userId }, actor) {
    const login = await findLoginState(userId);
    if (!login) throw new InputError(LOGIN_GONE);
    if (!login.deactivatedAt) return { message: `${login.email} is already active.` };
    if (!(await reactivateUser(userId))) throw new InputError(LOGIN_GONE);
    await recordAudit({ actorId: actor.id, action: "user.reactivated", entityType: "User", entityId: userId });
    return { message: `${login.email} is active again and can sign in with an emailed link.` };
  },
});

/** Any byline's public fields, and its pen-name status; the real name is stored for editors only. */
export const editByline = defineCommand({
  access: "people.manage",
  input: bylineEditSchema,
  async run({ profileId, ...fields }, actor) {
    if (await isProfileSlugTaken(fields.slug, profileId)) throw new ProfileSlugTakenError(fields.slug);
    const saved = await updateByline(profileId, fields);
    if (!saved) throw new InputError("That byline no longer exists.");
    if (saved.nameChanged) await refreshAuthorSearchDocuments(profileId);
    const moved = saved.previousSlug !== fields.slug;
    await recordAudit({
      actorId: actor.id,
      action: "profile.edited",
      entityType: "AuthorProfile",
      entityId: profileId,
      details: { slug: fields.slug, ...(moved ? { previousSlug: saved.previousSlug } : {}), isPseudonymous: fields.isPseudonymous },
    });
    return {
      message: moved ? `Byline saved. Its author page is now at ${paths.author(fields.slug)}; the old address leads there.` : "Byline saved.",
      tags: [...authorTags(saved.previousSlug), tags.author(fields.slug), ...(moved ? [tags.redirects] : [])],
    };
  },
});

/** Anyone may ask; requestSignInLink answers the same whether or not the address belongs to anyone. */
export const requestSignIn = defineCommand({
  access: "public",
  input: z.object({ email: z.unknown(), callbackUrl: z.unknown(), ip: z.string() }),
  async run(input) {
    const result = await requestSignInLink(input);
    if (!result.ok) throw new InputError(result.error, { email: result.error });
    return { message: "", data: { mailSent: result.mailSent } };
  },
});
