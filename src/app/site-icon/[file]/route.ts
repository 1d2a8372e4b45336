import { isSiteIconFile, renderSiteIcon, SITE_ICON_FILES } from "@/features/site/site-icon";

// /favicon.ico and /apple-touch-icon.png are rewritten here (next.config.ts): a route folder named
// favicon.ico would be taken for Next's own static favicon file.
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (!isSiteIconFile(file)) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  const bytes = await renderSiteIcon(file);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": SITE_ICON_FILES[file].contentType,
      "content-length": String(bytes.byteLength),
      // Pages link to the icon with ?v=<upload>, so a changed icon is a new address; a bare
      // /favicon.ico may be kept a day.
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    },
  });
}
