// Form states and reports the browser sees, kept apart from the zod schemas so that zod is not shipped to readers.
export type SubscribeFormState = {
  status: "idle" | "sent" | "error";
  message: string;
  email: string;
};

export const initialSubscribeState: SubscribeFormState = { status: "idle", message: "", email: "" };

/** What a subscriber import did, shown under the import form. */
export type ImportReport = { added: number; alreadyPresent: number; duplicatesInFile: number; invalid: { line: number; value: string }[]; confirmationsSent: number };
