// The subscriber list as CSV, streamed, so a large list never sits in memory.
import "server-only";
import { csvRow } from "./csv";
import { iterateSubscribersForExport } from "./data";

const HEADER = ["email", "status", "receives", "series", "categories", "confirmed_at", "subscribed_at", "unsubscribed_at", "hard_bounces", "consent_note"];

export function subscriberCsvStream(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = iterateSubscribersForExport();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
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
}
