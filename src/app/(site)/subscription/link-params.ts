import { z } from "zod";

/** Query parameters of the links in our emails; anything odd is dropped, never trusted. */
export const linkParamsSchema = z.object({
  token: z.string().max(300).optional().catch(undefined),
  state: z.enum(["not-pending", "missing"]).optional().catch(undefined),
  done: z.literal("1").optional().catch(undefined),
  welcome: z.literal("1").optional().catch(undefined),
});

export type RawSearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function readLinkParams(searchParams: RawSearchParams) {
  const raw = await searchParams;
  const first = (name: string) => (Array.isArray(raw[name]) ? raw[name][0] : raw[name]);
  return linkParamsSchema.parse({ token: first("token"), state: first("state"), done: first("done"), welcome: first("welcome") });
}
