// People operations as commands (src/lib/action.ts): invitations, profiles, bylines and pen names.
import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/action";
import { recordAudit } from "@/lib/audit";
import { tags } from "@/lib/cache-tags";
import { InputError } from "@/lib/errors";
import { refreshAuthorSearchDocuments } from "@/features/posts/mutations";
import { findProfileLinkState, findUserWithProfile } from "./data";
import { createByline, createInvitation, createSignInToken, linkProfileToUser, saveOwnProfile, setProfilePseudonym } from "./mutations";
import { sendSignInEmail } from "./emails";
import { bylineSchema, invitationSchema, linkProfileSchema, profileSchema, pseudonymSchema } from "./schema";
import { requestSignInLink, signInConfirmUrl } from "./sign-in";

const authorTags = (slug: string) => [tags.site, tags.authors, tags.author(slug), tags.posts];

export const inviteAuthor = defineCommand({
  access: "people.manage",
  input: invitationSchema,
  async run(invitation, actor) {
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

const avatarSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => value === "" || value.startsWith("/uploads/"), "Upload the picture here rather than linking to it.")
  .transform((value) => (value === "" ? null : value));

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

export const setPseudonym = defineCommand({
  access: "people.manage",
  input: pseudonymSchema,
  async run({ profileId, isPseudonymous, realName }, actor) {
    if (!(await findProfileLinkState(profileId))) throw new InputError("That byline no longer exists.");
    const updated = await setProfilePseudonym(profileId, isPseudonymous, realName);
    await recordAudit({ actorId: actor.id, action: "profile.pseudonym-changed", entityType: "AuthorProfile", entityId: profileId, details: { isPseudonymous } });
    return { message: isPseudonymous ? "Marked as a pen name." : "No longer marked as a pen name.", tags: authorTags(updated.slug) };
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
