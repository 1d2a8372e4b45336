"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { confirmSubscription, requestSubscription, unsubscribeSubscriber, updateSubscriberPreferences } from "./mutations";
import { preferencesFormSchema, type PreferencesFormState, type SubscribeFormState } from "./schema";
import { createSignedToken, verifySignedToken } from "@/lib/signed-links";

/** The client's address as the proxy in front of Next reports it; used only as a hashed rate-limit key. */
async function requestIp(): Promise<string | null> {
  const list = await headers();
  const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || list.get("x-real-ip") || null;
}

/** Public: anyone may subscribe. Input is validated and rate-limited inside requestSubscription. */
export async function subscribeAction(_previous: SubscribeFormState, formData: FormData): Promise<SubscribeFormState> {
  return requestSubscription({ email: formData.get("email"), website: formData.get("website"), ip: await requestIp() });
}

/** Public, authorized by the signed confirmation link (7 days). */
export async function confirmSubscriptionAction(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  const check = verifySignedToken(token, "confirm");
  if (!check.ok) redirect(`/subscription/confirm?token=${encodeURIComponent(token)}`);
  const outcome = await confirmSubscription(check.subject);
  if (outcome === "missing" || outcome === "not-pending") redirect(`/subscription/confirm?token=${encodeURIComponent(token)}&state=${outcome}`);
  redirect(`/subscription/preferences?token=${createSignedToken("preferences", check.subject)}&welcome=1`);
}

/** Public, authorized by the signed preferences link in every email. */
export async function updatePreferencesAction(_previous: PreferencesFormState, formData: FormData): Promise<PreferencesFormState> {
  const raw = {
    token: String(formData.get("token") ?? ""),
    choice: formData.get("intent") === "unsubscribe" ? "unsubscribe" : (formData.get("choice") ?? undefined),
    seriesIds: formData.getAll("seriesIds").map(String),
    categoryIds: formData.getAll("categoryIds").map(String),
  };
  const values = { choice: typeof raw.choice === "string" ? raw.choice : "", seriesIds: raw.seriesIds, categoryIds: raw.categoryIds };
  const check = verifySignedToken(raw.token, "preferences");
  if (!check.ok) return { status: "error", message: "This link is not valid. Use the link in your latest email from us.", values };
  const parsed = preferencesFormSchema.safeParse(raw);
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Check your choices.", values };
  const { choice, seriesIds, categoryIds } = parsed.data;
  const result = await updateSubscriberPreferences(check.subject, choice === "some" ? { choice, seriesIds, categoryIds } : { choice });
  if (!result.ok) {
    return {
      status: "error",
      message: result.reason === "inactive" ? "This address is not subscribed any more. Subscribe again to choose what you receive." : "This subscription no longer exists.",
      values,
    };
  }
  if (choice === "unsubscribe") redirect(`/subscription/unsubscribe?token=${createSignedToken("unsubscribe", check.subject)}&done=1`);
  const messages = {
    all: "Saved. You will get every new post.",
    some: "Saved. You will get new posts from the series and categories you ticked.",
    pause: "Paused. We will not email you until you choose to receive posts again.",
  } as const;
  return { status: "saved", message: messages[choice], values };
}

/** Public, authorized by a signed unsubscribe (or preferences) link. Idempotent. */
export async function unsubscribeAction(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  const check = verifySignedToken(token, "unsubscribe");
  if (!check.ok) redirect(`/subscription/unsubscribe?token=${encodeURIComponent(token)}`);
  await unsubscribeSubscriber(check.subject);
  redirect(`/subscription/unsubscribe?token=${encodeURIComponent(token)}&done=1`);
}
