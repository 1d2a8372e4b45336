"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authorizeAction, clearSessionCookies, readSessionToken } from "@/lib/auth";
import { requestSignInLink } from "./sign-in";
import { deleteAllSessionsOfUser, deleteSession } from "./mutations";

export type SignInFormState = { error?: string; email?: string };

async function clientIp(): Promise<string> {
  const list = await headers();
  return list.get("x-forwarded-for")?.split(",")[0]?.trim() || list.get("x-real-ip") || "unknown";
}

export async function requestSignInLinkAction(_previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  const email = String(form.get("email") ?? "");
  const result = await requestSignInLink({ email, callbackUrl: form.get("callbackUrl"), ip: await clientIp() });
  if (!result.ok) return { error: result.error, email };
  redirect("/admin/sign-in/check-email");
}

export async function signOutAction(): Promise<void> {
  const token = await readSessionToken();
  if (token) await deleteSession(token);
  await clearSessionCookies();
  redirect("/admin/sign-in?signedOut=1");
}

export async function signOutEverywhereAction(): Promise<void> {
  try {
    const user = await authorizeAction();
    await deleteAllSessionsOfUser(user.id);
  } finally {
    await clearSessionCookies();
  }
  redirect("/admin/sign-in?signedOut=everywhere");
}
