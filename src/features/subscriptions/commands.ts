// Subscription operations as commands (src/lib/action.ts). Readers act through signed links (the
// token is the authority, checked here); editors manage the list.
import "server-only";
import { z } from "zod";
import { defineCommand, parseInput } from "@/lib/action";
import { InputError, UserFacingError } from "@/lib/errors";
import { createSignedToken, verifySignedToken } from "@/lib/signed-links";
import { commentIdFromUnsubscribeSubject } from "@/features/comments/emails";
import { stopReplyNotifications } from "@/features/comments/mutations";
import { subscriberCsvStream } from "./export";
import { unsubscribeTokenFromMail } from "./inbound-unsubscribe";
import { confirmSubscription, importSubscribers, parseImportAddresses, removeSubscriber, requestSubscription, unsubscribeSubscriber, updateSubscriberPreferences } from "./mutations";
import type { ImportReport } from "./form-state";
import { importFormSchema, MAX_IMPORT_ROWS, preferencesFormSchema, SUBSCRIBE_ACCEPTED_MESSAGE, subscribeFormSchema } from "./schema";

/** The subscribe form: its answer never reveals who is subscribed. */
export const subscribe = defineCommand({
  access: "public",
  input: subscribeFormSchema.extend({ ip: z.string().max(100).nullable() }),
  async run(request) {
    await requestSubscription(request);
    return { message: SUBSCRIBE_ACCEPTED_MESSAGE };
  },
});

const tokenInput = z.object({ token: z.string().max(2000) });

/** The confirmation link: where to send the reader next. */
export const confirmSubscriptionByLink = defineCommand({
  access: "public",
  input: tokenInput,
  async run({ token }) {
    const check = verifySignedToken(token, "confirm");
    if (!check.ok) return { message: "", redirectTo: `/subscription/confirm?token=${encodeURIComponent(token)}` };
    const outcome = await confirmSubscription(check.subject);
    if (outcome === "missing" || outcome === "not-pending") return { message: "", redirectTo: `/subscription/confirm?token=${encodeURIComponent(token)}&state=${outcome}` };
    return { message: "Confirmed.", redirectTo: `/subscription/preferences?token=${createSignedToken("preferences", check.subject)}&welcome=1` };
  },
});

const preferenceMessages = {
  all: "Saved. You will get every new post.",
  some: "Saved. You will get new posts from the series and categories you ticked.",
  pause: "Paused. We will not email you until you choose to receive posts again.",
} as const;

/** The preferences form, authorized by the signed link in every email. */
export const updatePreferences = defineCommand({
  access: "public",
  input: z.object({ token: z.string().max(2000) }).loose(),
  async run(input) {
    const check = verifySignedToken(input.token, "preferences");
    if (!check.ok) throw new InputError("This link is not valid. Use the link in your latest email from us.");
    const { choice, seriesIds, categoryIds } = parseInput(preferencesFormSchema, input);
    const updated = await updateSubscriberPreferences(check.subject, choice === "some" ? { choice, seriesIds, categoryIds } : { choice });
    if (!updated.ok) {
      throw new InputError(updated.reason === "inactive" ? "This address is not subscribed any more. Subscribe again to choose what you receive." : "This subscription no longer exists.");
    }
    if (choice === "unsubscribe") return { message: "", redirectTo: `/subscription/unsubscribe?token=${createSignedToken("unsubscribe", check.subject)}&done=1` };
    return { message: preferenceMessages[choice] };
  },
});

const INVALID_UNSUBSCRIBE_LINK = "This unsubscribe link is not valid.";

/**
 * The unsubscribe page's button and the one-click URL of every bulk email (RFC 8058: mail providers
 * POST to it with no cookies), authorized by the signed link. Idempotent.
 */
export const unsubscribeByLink = defineCommand({
  access: "public",
  input: tokenInput,
  async run({ token }) {
    const check = verifySignedToken(token, "unsubscribe");
    if (!check.ok) throw new InputError(INVALID_UNSUBSCRIBE_LINK);
    await unsubscribeSubscriber(check.subject);
    return { message: "You are unsubscribed.", redirectTo: `/subscription/unsubscribe?token=${encodeURIComponent(token)}&done=1` };
  },
});

/**
 * A message sent to the List-Unsubscribe mailto: address, passed on raw by the mail system: the
 * signed token in its subject unsubscribes the digest's reader, or stops a commenter's reply emails.
 * A message without a valid token is refused (422), so the mail system does not lose it silently.
 */
export const unsubscribeByMail = defineCommand({
  access: "public",
  input: z.object({ raw: z.instanceof(Buffer) }),
  async run({ raw }) {
    const token = await unsubscribeTokenFromMail(raw);
    if (!token) throw new UserFacingError("The message's subject holds no unsubscribe token.", 422);
    const check = verifySignedToken(token, "unsubscribe");
    if (!check.ok) throw new UserFacingError("The unsubscribe token in the message's subject is not valid.", 422);
    const commentId = commentIdFromUnsubscribeSubject(check.subject);
    if (commentId) {
      await stopReplyNotifications(commentId);
      return { message: "Reply emails stopped.", data: { outcome: "replies-stopped" as "replies-stopped" | "unsubscribed" } };
    }
    await unsubscribeSubscriber(check.subject);
    return { message: "You are unsubscribed.", data: { outcome: "unsubscribed" as const } };
  },
});

/** The subscriber list as CSV, streamed: a list of people's addresses leaving the site, so it is audited. */
export const exportSubscribers = defineCommand({
  access: "subscribers.manage",
  input: z.object({}),
  // The rows are read while the response streams, after the command has returned.
  transaction: false,
  async run() {
    return { message: "", data: { csv: subscriberCsvStream() } };
  },
  audit: () => ({ action: "subscribers.exported", entityType: "Subscriber", entityId: "export" }),
});

export const importSubscriberList = defineCommand({
  access: "subscribers.manage",
  input: importFormSchema,
  async run({ csv, consent, consentNote }, actor) {
    const addresses = parseImportAddresses(csv);
    if (addresses.emails.length + addresses.invalid.length > MAX_IMPORT_ROWS) {
      throw new InputError(`That file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows: split it and import the parts.`);
    }
    if (addresses.emails.length === 0) {
      const skipped = addresses.invalid.slice(0, 5).map((row) => `line ${row.line}: “${row.value}”`);
      const detail = skipped.length > 0 ? ` Not addresses: ${skipped.join(", ")}${addresses.invalid.length > skipped.length ? "…" : ""}.` : "";
      throw new InputError(`No valid email addresses found. Put one address per line, or use a column headed “email”.${detail}`, { csv: "No valid email addresses found." });
    }
    const result = await importSubscribers({ emails: addresses.emails, consent, consentNote, actor });
    const report: ImportReport = { ...result, duplicatesInFile: addresses.duplicatesInFile, invalid: addresses.invalid };
    return { message: `Imported: ${result.added} new, ${result.alreadyPresent} already subscribed or known (left unchanged).`, data: report };
  },
  audit: ({ consent }, { data }) => ({
    action: "subscribers.import",
    entityType: "Subscriber",
    entityId: "import",
    details: { added: data.added, alreadyPresent: data.alreadyPresent, consent },
  }),
});

export const removeSubscriberFromList = defineCommand({
  access: "subscribers.manage",
  input: z.object({ subscriberId: z.string().min(1).max(60) }),
  async run({ subscriberId }) {
    if (!(await removeSubscriber(subscriberId))) throw new InputError("That subscriber was already removed.");
    return { message: "Subscriber removed." };
  },
  // The entry keeps no address.
  audit: ({ subscriberId }) => ({ action: "subscriber.remove", entityType: "Subscriber", entityId: subscriberId }),
});
