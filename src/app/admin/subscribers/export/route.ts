import { refusalFor } from "@/lib/auth";
import { subscriberCsvStream } from "@/features/subscriptions/export";

export async function GET() {
  const refusal = await refusalFor("subscribers.manage");
  if (refusal) return refusal;
  const date = new Date().toISOString().slice(0, 10);
  return new Response(subscriberCsvStream(), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="subscribers-${date}.csv"`, "cache-control": "no-store" },
  });
}
