// The subscribe form's state, kept apart from the zod schemas so that zod is not shipped to readers.
export type SubscribeFormState = {
  status: "idle" | "sent" | "error";
  message: string;
  email: string;
};

export const initialSubscribeState: SubscribeFormState = { status: "idle", message: "", email: "" };
