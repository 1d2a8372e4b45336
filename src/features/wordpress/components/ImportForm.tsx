"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { readUploadAnswer } from "@/lib/upload-answer";
import { CATEGORY_MAP_FORM_MAX } from "../limits";

type State = { status: "idle" | "sending" | "error"; message: string; fieldErrors: Record<string, string> };

/** Sends the export itself as the request body (a large archive is far more than a form post allows), then opens its run. */
export function ImportForm() {
  const router = useRouter();
  const [state, setState] = useState<State>({ status: "idle", message: "", fieldErrors: {} });

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("export");
    if (!(file instanceof File) || file.size === 0) {
      setState({ status: "error", message: "Choose a WordPress export (.xml) to import.", fieldErrors: { export: "Choose a file." } });
      return;
    }
    const query = new URLSearchParams();
    for (const name of ["dryRun", "skipPingbacks", "downloadMedia", "headerMenu"]) if (form.get(name) === "on") query.set(name, "1");
    query.set("seriesTaxonomy", String(form.get("seriesTaxonomy") ?? ""));
    setState({ status: "sending", message: `Uploading ${file.name}…`, fieldErrors: {} });
    try {
      const response = await fetch(`/api/wordpress/import?${query}`, {
        method: "POST",
        body: file,
        headers: { "content-type": "application/xml", "x-file-name": encodeURIComponent(file.name), "x-category-map": encodeURIComponent(String(form.get("categoryMap") ?? "")) },
      });
      const answer = await readUploadAnswer(response, "Import a file this size with npm run import:wordpress.")
      if (response.ok && answer.location) {
        router.push(answer.location);
        return;
      }
      setState({ status: "error", message: answer.error ?? "The import did not start.", fieldErrors: answer.fieldErrors ?? {} });
    } catch {
      setState({ status: "error", message: "The upload failed: check the connection and try again.", fieldErrors: {} });
    }
  }

  const invalid = (name: string) => (state.fieldErrors[name] ? true : undefined);
  return (
    <form className="admin-form" onSubmit={start}>
      <p role="status" className={state.status === "error" ? "form-error" : "form-notice"} hidden={state.status === "idle"}>
        {state.message}
      </p>
      <label htmlFor="import-export">WordPress export (.xml, from Tools → Export in WordPress)</label>
      <input id="import-export" type="file" name="export" accept=".xml,application/xml,text/xml" aria-invalid={invalid("export")} />
      <div className="checkbox">
        <input id="import-dry-run" type="checkbox" name="dryRun" defaultChecked />
        <label htmlFor="import-dry-run">Dry run: read and convert everything, write nothing, and show the report</label>
      </div>
      <div className="checkbox">
        <input id="import-download" type="checkbox" name="downloadMedia" />
        <label htmlFor="import-download">Download images and documents from the old site</label>
      </div>
      <div className="checkbox">
        <input id="import-pingbacks" type="checkbox" name="skipPingbacks" />
        <label htmlFor="import-pingbacks">Leave out pingbacks and trackbacks</label>
      </div>
      <div className="checkbox">
        <input id="import-menu" type="checkbox" name="headerMenu" />
        <label htmlFor="import-menu">Make the export’s menu the header menu, in place of its links</label>
      </div>
      <label htmlFor="import-series">Series taxonomy</label>
      <input id="import-series" name="seriesTaxonomy" defaultValue="series" aria-invalid={invalid("seriesTaxonomy")} aria-describedby="import-series-hint" />
      <p id="import-series-hint" className="form-hint">
        Where the old site kept its series: “series” for PublishPress Series and Organize Series.
      </p>
      <label htmlFor="import-category-map">Category map (optional)</label>
      <textarea id="import-category-map" name="categoryMap" rows={4} maxLength={CATEGORY_MAP_FORM_MAX} aria-invalid={invalid("categoryMap")} aria-describedby="import-category-map-hint" />
      <p id="import-category-map-hint" className="form-hint">
        One <code>wordpress-slug = docket-slug</code> a line, most preferred first: when a post has several categories, the first listed here
        becomes its category and the rest tags. <code>= -</code> means no category.
      </p>
      <button type="submit" disabled={state.status === "sending"}>
        {state.status === "sending" ? "Uploading…" : "Start the import"}
      </button>
    </form>
  );
}
