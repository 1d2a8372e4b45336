"use server";
// Server actions for signing in and out and for the people pages, through the pipeline in src/lib/action.ts.
import { redirect } from "next/navigation";
import { runAction, runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
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
  signOut,
  signOutEverywhere,
} from "./commands";

/** Goes on to "check your email" whether or not the address belongs to anyone; a refusal keeps the address. */
export async function requestSignInLinkAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormAction(requestSignIn, form, async (submitted) => ({
    email: submitted.get("email"),
    callbackUrl: submitted.get("callbackUrl") ?? undefined,
    ip: (await clientIp()) ?? "unknown",
  }));
}

export async function signOutAction(): Promise<void> {
  await runAction(signOut, { sessionToken: await readSessionToken() });
  await clearSessionCookies();
  redirect("/admin/sign-in?signedOut=1");
}

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
