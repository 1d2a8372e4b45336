import { permanentRedirect } from "next/navigation";
import { findRedirectTarget } from "@/features/posts/data";
import { paths } from "@/lib/seo";
import { NotFoundContent } from "../_components/NotFoundContent";

// Any path no other route matches: an old URL of the site Docket replaced (/2013/04/some-slug/)
// is looked up in Redirect and answered with a 308; anything else is the 404 page. Static, so the
// first request waits for the answer (a real 308 or 404 status) and later ones come from the cache.
export const ensureStatic = "navigation";

export function generateStaticParams() {
  return [{ legacy: ["-"] }];
}

type Props = { params: Promise<{ legacy: string[] }> };

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Stored legacy paths are matched with and without their trailing slash. */
function candidatePaths(segments: string[]): string[] {
  const path = `/${segments.map(decodeSegment).join("/")}`;
  return [path, `${path}/`];
}

export default async function LegacyPath({ params }: Props) {
  const { legacy } = await params;
  for (const candidate of candidatePaths(legacy)) {
    const target = await findRedirectTarget(candidate);
    if (target) permanentRedirect(paths.post(target));
  }
  return <NotFoundContent />;
}
