import type { NextRequest } from "next/server";
import { z } from "zod";
import { renderCommentMarkdown } from "@/lib/markdown";
import { listOwnPendingComments } from "@/features/comments/data";
import { decodePendingCookie, PENDING_COOKIE } from "@/features/comments/signing";

const querySchema = z.object({ postId: z.string().min(1).max(40) });

/** The held comments this browser submitted on a post, from its signed cookie: nobody else's. */
export async function GET(request: NextRequest) {
  const parsed = querySchema.safeParse({ postId: request.nextUrl.searchParams.get("postId") });
  if (!parsed.success) return Response.json({ error: "postId is required" }, { status: 400 });
  const ids = decodePendingCookie(request.cookies.get(PENDING_COOKIE)?.value);
  const comments = await listOwnPendingComments(parsed.data.postId, ids);
  return Response.json(
    {
      comments: comments.map((comment) => ({
        id: comment.id,
        authorName: comment.authorName,
        html: renderCommentMarkdown(comment.body),
        inReplyTo: comment.parent?.authorName ?? null,
      })),
    },
    { headers: { "cache-control": "private, no-store" } },
  );
}
