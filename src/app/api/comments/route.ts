// The hydrated comment form posts here, so refusals carry their HTTP status (429 for flooding, 409
// for a duplicate); without JavaScript the same command runs as a server action.
import { runRoute } from "@/lib/action";
import { commentAccepted, commentFormInput, commentFormValues, commentRefused } from "@/features/comments/comment-form";
import { submitReaderComment } from "@/features/comments/commands";

const NOT_STORED = { "cache-control": "no-store" };

/** Like server actions, only same-origin posts: a signed-in editor's comment is auto-approved. */
function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return Response.json({ error: "Comments are posted from the site's own form." }, { status: 403 });
  const formData = await request.formData().catch(() => null);
  if (!formData) return Response.json({ error: "Expected a form submission." }, { status: 400 });
  const values = commentFormValues(formData);
  return runRoute(submitReaderComment, () => commentFormInput(formData), {
    ok: async ({ data }) => Response.json(await commentAccepted(data, values), { status: data.published ? 201 : 202, headers: NOT_STORED }),
    refused: (failure, status) => Response.json(commentRefused(failure, values), { status, headers: NOT_STORED }),
  });
}
