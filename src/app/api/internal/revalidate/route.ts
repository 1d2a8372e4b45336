import { z } from "zod";
import { expireTagsNow, isInternalToken } from "@/lib/revalidate";

const bodySchema = z.object({ tags: z.array(z.string().min(1).max(200)).min(1).max(500) });

export async function POST(request: Request) {
  if (!isInternalToken(request.headers.get("x-docket-token"))) {
    return Response.json({ error: "Not allowed" }, { status: 403 });
  }
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Expected { tags: string[] }" }, { status: 400 });
  expireTagsNow(parsed.data.tags);
  return Response.json({ revalidated: parsed.data.tags.length });
}
