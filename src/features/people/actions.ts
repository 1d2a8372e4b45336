"use server";
// Server actions for signing in and out and for the people pages, through the pipeline in src/lib/action.ts.
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { defineCommand, runAction, runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit";
import { clearSessionCookies, readSessionToken } from "@/lib/auth";
import { clientIp } from "@/lib/client-ip";
import {
  changeRole,
  completeProfile,
  createBylineProfile,
  deactivateLogin,
  editByline,
  inviteAuthor,
  linkProfile,
  reactivateLogin,
  requestSignIn,
} from "./commands";
import { deleteAllSessionsOfUser, deleteSession } from "./mutations";

export async function requestSignInLinkAction(_previous: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const result = await runAction(requestSignIn, { email, callbackUrl: form.get("callbackUrl"), ip: (await clientIp()) ?? "unknown" });
  if (!result.ok) return { status: "error", message: result.error, fieldErrors: result.fieldErrors, values: { email } };
  // Answered before the email goes, so a known address is no slower than an unknown one.
  after(result.data.mailSent);
  redirect("/admin/sign-in/check-email");
}

export async function signOutAction(): Promise<void> {
  const token = await readSessionToken();
  if (token) await deleteSession(token);
  await clearSessionCookies();
  redirect("/admin/sign-in?signedOut=1");
}

const signOutEverywhere = defineCommand({
  access: "signed-in",
  input: z.object({}),
  async run(_input, actor) {
    await deleteAllSessionsOfUser(actor.id);
    await recordAudit({ actorId: actor.id, action: "user.signed-out-everywhere", entityType: "User", entityId: actor.id });
    return { message: "Signed out everywhere." };
  },
});

export async function signOutEverywhereAction(): Promise<void> {
  await runAction(signOutEverywhere, {});
  await clearSessionCookies();
  redirect("/admin/sign-in?signedOut=everywhere");
}

export async function inviteAuthorAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(inviteAuthor, form, undefined, { refreshPage: true });
}

export async function completeProfileAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(completeProfile, form, undefined, { refreshPage: true, keepValues: true });
}

export async function createBylineAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(createBylineProfile, form, undefined, { refreshPage: true });
}

export async function linkProfileAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(linkProfile, form, undefined, { refreshPage: true });
}

export async function changeRoleAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(changeRole, form, undefined, { refreshPage: true });
}

export async function deactivateLoginAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(deactivateLogin, form, undefined, { refreshPage: true });
}

export async function reactivateLoginAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(reactivateLogin, form, undefined, { refreshPage: true });
}

export async function editBylineAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(editByline, form, undefined, { refreshPage: true });
}
