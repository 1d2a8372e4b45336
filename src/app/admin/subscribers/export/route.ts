// The subscriber list as CSV, for editors only. Streams, so a large list never sits in memory.
import { getCurrentUser } from "@/lib/auth";
import { iterateSubscribersForExport } from "@/features/subscriptions/data";
import { csvRow } from "@/features/subscriptions/csv";

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (user.role !== "EDITOR" && user.role !== "ADMIN") return new Response("Not allowed.\n", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  const encoder = new TextEncoder();
  const rows = iterateSubscribersForExport();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(["email", "status", "receives", "series", "categories", "confirmed_at", "subscribed_at", "unsubscribed_at", "hard_bounces", "consent_note"])));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) {
        controller.close();
        return;
      }
      const row = next.value;
      controller.enqueue(
        encoder.encode(
          csvRow([
            row.email,
            row.status,
            row.allPosts ? "all" : "chosen",
            row.seriesTitles.join("; "),
            row.categoryNames.join("; "),
            row.confirmedAt?.toISOString(),
            row.createdAt.toISOString(),
            row.unsubscribedAt?.toISOString(),
            row.permanentFailures,
            row.consentNote,
          ]),
        ),
      );
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="subscribers-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
