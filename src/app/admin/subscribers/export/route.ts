import { plainTextAnswer, runRoute } from "@/lib/action";
import { exportSubscribers } from "@/features/subscriptions/commands";

export async function GET() {
  const date = new Date().toISOString().slice(0, 10);
  return runRoute(exportSubscribers, {}, {
    ok: ({ data }) =>
      new Response(data.csv, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="subscribers-${date}.csv"`, "cache-control": "no-store" },
      }),
    refused: (failure, status) => plainTextAnswer(failure.error, status),
  });
}
