"use server";

import { headers } from "next/headers";
import { requestSubscription } from "./mutations";
import type { SubscribeFormState } from "./schema";

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
