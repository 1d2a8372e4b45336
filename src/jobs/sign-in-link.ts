import type { JobDefinition } from "./job";
import { inTransaction } from "@/lib/db";
import { emailSignInLinkIfKnown, SIGN_IN_LINK_QUEUE, signInLinkRequestSchema } from "@/features/people/sign-in";

/** Makes and emails the link a sign-in request asked for, when the address belongs to an active login. */
export const signInLinkJob: JobDefinition = {
  name: SIGN_IN_LINK_QUEUE.name,
  queue: SIGN_IN_LINK_QUEUE.options,
  handler: async (data) => {
    const request = signInLinkRequestSchema.parse(data);
    await inTransaction(() => emailSignInLinkIfKnown(request));
  },
};
