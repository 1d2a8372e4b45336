"use server";
// Server actions for subscribing and for the subscriber list, through the pipeline (src/lib/action.ts).
import { redirect } from "next/navigation";
import { runAction, runFormAction } from "@/lib/action";
import type { FormState } from "@/lib/action-result";
import { clientIp } from "@/lib/client-ip";
import { withoutControlCharacters } from "@/lib/control-characters";
import { confirmSubscriptionByLink, importSubscriberList, removeSubscriberFromList, subscribe, unsubscribeByLink, updatePreferences } from "./commands";
import type { ImportReport, SubscribeFormState } from "./form-state";
import type { PreferencesFormState } from "./schema";

export async function subscribeAction(_previous: SubscribeFormState, form: FormData): Promise<SubscribeFormState> {
  const result = await runAction(subscribe, { email: form.get("email") ?? "", website: form.get("website") ?? "", ip: await clientIp() });
  const typed = withoutControlCharacters(String(form.get("email") ?? "")).slice(0, 254);
  return result.ok ? { status: "sent", message: result.message, email: "" } : { status: "error", message: result.error, email: typed };
}

export async function confirmSubscriptionAction(form: FormData): Promise<void> {
  await runAction(confirmSubscriptionByLink, { token: String(form.get("token") ?? "") });
}

export async function updatePreferencesAction(_previous: PreferencesFormState, form: FormData): Promise<PreferencesFormState> {
  const input = {
    token: String(form.get("token") ?? ""),
    choice: form.get("intent") === "unsubscribe" ? "unsubscribe" : (form.get("choice") ?? undefined),
    seriesIds: form.getAll("seriesIds").map(String),
    categoryIds: form.getAll("categoryIds").map(String),
  };
  const values = { choice: typeof input.choice === "string" ? input.choice : "", seriesIds: input.seriesIds, categoryIds: input.categoryIds };
  const result = await runAction(updatePreferences, input);
  return result.ok ? { status: "saved", message: result.message, values } : { status: "error", message: result.error, values };
}

/** Unsubscribed: the page says so; a link that is not valid: the page says that instead. */
export async function unsubscribeAction(form: FormData): Promise<void> {
  const token = String(form.get("token") ?? "");
  const result = await runAction(unsubscribeByLink, { token });
  if (!result.ok) redirect(`/subscription/unsubscribe?token=${encodeURIComponent(token)}`);
}

/** The CSV comes as a file or pasted text; the form keeps the consent choice and note on failure. */
export async function importSubscribersAction(_previous: FormState<ImportReport>, form: FormData): Promise<FormState<ImportReport>> {
  return runFormAction(importSubscriberList, form, async (submitted) => {
    const file = submitted.get("file");
    const fromFile = file instanceof File && file.size > 0 ? await file.text() : "";
    return { csv: fromFile || String(submitted.get("pasted") ?? ""), consent: submitted.get("consent") ?? undefined, consentNote: String(submitted.get("consentNote") ?? "") };
  });
}

export async function removeSubscriberAction(form: FormData): Promise<void> {
  const result = await runAction(removeSubscriberFromList, { subscriberId: form.get("subscriberId") });
  const back = String(form.get("back") ?? "");
  const list = back.startsWith("/admin/subscribers") && back.length <= 500 ? back : "/admin/subscribers";
  redirect(`${list}${list.includes("?") ? "&" : "?"}notice=${result.ok ? "removed" : "missing"}`);
}
