import { permanentRedirect } from "next/navigation";
import { findRedirect } from "@/features/redirects/data";
import { NotFoundContent } from "../_components/NotFoundContent";
import { decodeOrKeep } from "@/lib/percent-encoding";

// Any path no other route matches: an old URL of the site Docket replaced (/2013/04/some-slug/)
// is looked up in the redirect table and answered with a 308 to what lives there now (a post, a
// page, a series, a category, a tag or an author); anything else is the 404 page. Static, so the
// first request waits for the answer (a real 308 or 404 status) and later ones come from the cache.
export const ensureStatic = "navigation";

export function generateStaticParams() {
  return [{ legacy: ["-"] }];
}

type Props = { params: Promise<{ legacy: string[] }> };

/** Stored legacy paths are matched with and without their trailing slash. */
function candidatePaths(segments: string[]): string[] {
  const path = `/${segments.map((segment) => decodeOrKeep(segment)).join("/")}`;
  return [path, `${path}/`];
}

export default async function LegacyPath({ params }: Props) {
  const { legacy } = await params;
  for (const candidate of candidatePaths(legacy)) {
    const target = await findRedirect(candidate);
    if (target) permanentRedirect(target);
  }
  return <NotFoundContent />;
}
