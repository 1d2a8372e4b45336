import { rm } from "node:fs/promises";
import { after } from "next/server";
import { runRoute } from "@/lib/action";
import { decodedHeader } from "@/lib/request-body";
import { MAX_IMPORT_BYTES, startWordPressImport } from "@/features/wordpress/commands";
import { runWordPressImport } from "@/features/wordpress/import/run";

/**
 * Starts an import of the WordPress export sent as the request body (the file itself; the options in the
 * query string, the category map in the x-category-map header). Answers 202 with the run's address at once;
 * the import goes on after the answer, and the run's page follows it (and asks the author step's question
 * when the export names authors with a Docket login's address). A header that is not valid
 * percent-encoding is a 400.
 */
export async function POST(request: Request) {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) {
    return Response.json({ error: "The file is larger than 2 GB." }, { status: 413 });
  }
  const input = () => ({
    body: request.body,
    fileName: decodedHeader(request, "x-file-name", "export.xml"),
    options: { ...Object.fromEntries(new URL(request.url).searchParams), categoryMap: decodedHeader(request, "x-category-map", "") },
  });
  return runRoute(startWordPressImport, input, {
    ok: ({ data }) => {
      const { runId, location, file, fileName, options, startedById } = data;
      after(async () => {
        // A run waiting for its author step keeps the file until the admin has answered.
        const run = await runWordPressImport(file, fileName, options, startedById, runId, { askAboutAuthors: true }).catch(() => null);
        if (!run?.waiting) await rm(file, { force: true });
      });
      return Response.json({ runId, location }, { status: 202, headers: { "cache-control": "no-store" } });
    },
  });
}
