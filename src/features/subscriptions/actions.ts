"use server";

import { clientIp } from "@/lib/client-ip";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AuthorizationError, authorizeAction, type SessionUser } from "@/lib/auth";
import {
  confirmSubscription,
  importSubscribers,
  parseImportAddresses,
  removeSubscriber,
  requestSubscription,
  unsubscribeSubscriber,
  updateSubscriberPreferences,
} from "./mutations";
import {
  importFormSchema,
  MAX_IMPORT_ROWS,
  preferencesFormSchema,
  type ImportFormState,
  type PreferencesFormState,
} from "./schema";
import type { SubscribeFormState } from "./form-state";
import { createSignedToken, verifySignedToken } from "@/lib/signed-links";

/** Public: anyone may subscribe. Input is validated and rate-limited inside requestSubscription. */
export async function subscribeAction(_previous: SubscribeFormState, formData: FormData): Promise<SubscribeFormState> {
  return requestSubscription({ email: formData.get("email"), website: formData.get("website"), ip: await clientIp() });
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

// ---------- editors ----------

async function editorOrMessage(): Promise<{ user: SessionUser } | { message: string }> {
  try {
    return { user: await authorizeAction("EDITOR", "ADMIN") };
  } catch (error) {
    if (error instanceof AuthorizationError) return { message: error.message };
    throw error;
  }
}

export async function importSubscribersAction(_previous: ImportFormState, formData: FormData): Promise<ImportFormState> {
  const auth = await editorOrMessage();
  const values = { consent: String(formData.get("consent") ?? ""), consentNote: String(formData.get("consentNote") ?? "") };
  if ("message" in auth) return { status: "error", message: auth.message, values };
  const file = formData.get("file");
  const fromFile = file instanceof File && file.size > 0 ? await file.text() : "";
  const parsed = importFormSchema.safeParse({ csv: fromFile || String(formData.get("pasted") ?? ""), consent: formData.get("consent") ?? undefined, consentNote: values.consentNote });
  if (!parsed.success) {
    const fieldErrors: ImportFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as "csv" | "consent" | "consentNote";
      fieldErrors[field] ??= issue.message;
    }
    return { status: "error", message: "The import did not run. Check the fields marked below.", fieldErrors, values };
  }
  const addresses = parseImportAddresses(parsed.data.csv);
  if (addresses.emails.length + addresses.invalid.length > MAX_IMPORT_ROWS) {
    return { status: "error", message: `That file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows: split it and import the parts.`, values };
  }
  if (addresses.emails.length === 0) {
    return {
      status: "error",
      message: "No valid email addresses found. Put one address per line, or use a column headed “email”.",
      report: { added: 0, alreadyPresent: 0, duplicatesInFile: addresses.duplicatesInFile, invalid: addresses.invalid, confirmationsSent: 0 },
      values,
    };
  }
  const result = await importSubscribers({ emails: addresses.emails, consent: parsed.data.consent, consentNote: parsed.data.consentNote, actor: auth.user });
  return {
    status: "done",
    message: `Imported: ${result.added} new, ${result.alreadyPresent} already subscribed or known (left unchanged).`,
    report: { ...result, duplicatesInFile: addresses.duplicatesInFile, invalid: addresses.invalid },
    values: { consent: "", consentNote: "" },
  };
}

export async function removeSubscriberAction(formData: FormData): Promise<void> {
  const user = await authorizeAction("EDITOR", "ADMIN");
  const id = z.string().min(1).max(60).safeParse(formData.get("subscriberId"));
  const removed = id.success && (await removeSubscriber(id.data, user.id));
  const back = z.string().startsWith("/admin/subscribers").max(500).catch("/admin/subscribers").parse(formData.get("back"));
  redirect(`${back}${back.includes("?") ? "&" : "?"}notice=${removed ? "removed" : "missing"}`);
}
