"use server";
import { clientIp } from "@/lib/client-ip";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { clearSessionCookies, readSessionToken } from "@/lib/auth";
import { requestSignInLink } from "./sign-in";
import { deleteAllSessionsOfUser, deleteSession } from "./mutations";
import { updateTag, refresh } from "next/cache";
import { getCurrentUser } from "@/lib/auth";
import { recordAudit } from "@/features/editorial/mutations";
import { toActionFailure, type FieldErrors } from "@/features/editorial/command-errors";
import { completeProfileFor, createBylineFor, inviteAuthorFor, linkProfileFor, setPseudonymFor, type PeopleResult } from "./commands";

export type SignInFormState = { error?: string; email?: string };

export async function requestSignInLinkAction(_previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  const email = String(form.get("email") ?? "");
  const result = await requestSignInLink({ email, callbackUrl: form.get("callbackUrl"), ip: (await clientIp()) ?? "unknown" });
  if (!result.ok) return { error: result.error, email };
  after(result.mailSent);
  redirect("/admin/sign-in/check-email");
}

export async function signOutAction(): Promise<void> {
  const token = await readSessionToken();
  if (token) await deleteSession(token);
  await clearSessionCookies();
  redirect("/admin/sign-in?signedOut=1");
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) {
    await deleteAllSessionsOfUser(user.id);
    await recordAudit({ actorId: user.id, action: "user.signed-out-everywhere", entityType: "User", entityId: user.id });
  }
  await clearSessionCookies();
  redirect("/admin/sign-in?signedOut=everywhere");
}

export type PeopleFormState = { ok?: boolean; message?: string; error?: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string")) as Record<string, string>;
}

async function runPeopleCommand(form: FormData, command: (user: Awaited<ReturnType<typeof getCurrentUser>>, input: Record<string, unknown>) => Promise<PeopleResult>, input?: Record<string, unknown>): Promise<PeopleFormState> {
  const values = formValues(form);
  try {
    const result = await command(await getCurrentUser(), input ?? values);
    for (const tag of new Set(result.tagsToInvalidate)) updateTag(tag);
    refresh();
    return { ok: true, message: result.message };
  } catch (error) {
    const failure = toActionFailure(error);
    return { ok: false, error: failure.error, fieldErrors: failure.fieldErrors, values };
  }
}

export async function inviteAuthorAction(_previous: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  return runPeopleCommand(form, inviteAuthorFor);
}

export async function completeProfileAction(_previous: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  return runPeopleCommand(form, completeProfileFor);
}

export async function createBylineAction(_previous: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  const values = formValues(form);
  return runPeopleCommand(form, createBylineFor, { ...values, isPseudonymous: form.get("isPseudonymous") === "on" });
}

export async function linkProfileAction(_previous: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  return runPeopleCommand(form, linkProfileFor);
}

export async function setPseudonymAction(_previous: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  const values = formValues(form);
  return runPeopleCommand(form, setPseudonymFor, { ...values, isPseudonymous: form.get("isPseudonymous") === "on" });
}
