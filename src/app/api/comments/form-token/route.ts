import { createFormToken } from "@/features/comments/signing";

/** The comment form's signed render time; fetched by the form because the post page is static. */
export function GET() {
  return Response.json({ token: createFormToken() }, { headers: { "cache-control": "private, no-store" } });
}
