import { revalidateTag } from "next/cache";
import { z } from "zod";
import { isInternalToken } from "@/lib/revalidate";

const bodySchema = z.object({ tags: z.array(z.string().min(1).max(200)).min(1).max(500) });

export async function POST(request: Request) {
  if (!isInternalToken(request.headers.get("x-docket-token"))) {
    return Response.json({ error: "Not allowed" }, { status: 403 });
  }
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Expected { tags: string[] }" }, { status: 400 });
  for (const tag of parsed.data.tags) revalidateTag(tag, "max");
  return Response.json({ revalidated: parsed.data.tags.length });
}
