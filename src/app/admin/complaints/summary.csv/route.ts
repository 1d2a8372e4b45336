import { plainTextAnswer, runRoute } from "@/lib/action";
import { complaintsSummary } from "@/features/complaints/commands";

/** The year's complaints by clause and outcome, as CSV (?year=2026). */
export async function GET(request: Request) {
  const year = new URL(request.url).searchParams.get("year") ?? String(new Date().getUTCFullYear());
  return runRoute(complaintsSummary, { year }, {
    ok: ({ data }) =>
      new Response(data.csv, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="complaints-${data.year}.csv"`, "cache-control": "no-store" },
      }),
    refused: (failure, status) => plainTextAnswer(failure.error, status),
  });
}
