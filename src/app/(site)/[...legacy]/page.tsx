import { permanentRedirect } from "next/navigation";
import { findRedirectTarget } from "@/features/posts/data";
import { findWordPressRedirect, type LegacyQuery } from "@/features/wordpress/data";
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

/** `/wordpress-address/p/123[/feed]`: what src/proxy.ts makes of `/?p=123[&feed=…]`. */
function wordpressQuery(segments: string[]): LegacyQuery | null {
  if (segments[0] !== "wordpress-address" || segments.length < 3) return null;
  const [, key, value, feed] = segments.map(decodeSegment);
  return { [key]: value, ...(feed === "feed" ? { feed: "" } : {}) };
}

export default async function LegacyPath({ params }: Props) {
  const { legacy } = await params;
  const query = wordpressQuery(legacy);
  if (query) {
    const target = await findWordPressRedirect("/", query);
    if (target) permanentRedirect(target);
    return <NotFoundContent />;
  }
  for (const candidate of candidatePaths(legacy)) {
    const target = await findRedirectTarget(candidate);
    if (target) permanentRedirect(paths.post(target));
  }
  // An old WordPress archive (/category/…/, /tag/…/, /author/…/, /series/…/), a feed or an attachment page.
  const target = await findWordPressRedirect(`/${legacy.map(decodeSegment).join("/")}`);
  if (target) permanentRedirect(target);
  return <NotFoundContent />;
}
