// What the admin shows as "tomorrow's digest": the posts due by the next run, or a sample.
import { buildDigestBody, personalizeDigest } from "./content";
import { listLatestPublishedForSample, previewDigestPosts } from "./data";
import { getSiteSettings } from "@/features/site/data";

export const PREVIEW_SUBJECT_ID = "preview";

export async function buildDigestPreview(now = new Date()) {
  const upcoming = await previewDigestPosts(now, new Date(now.getTime() + 24 * 3600_000));
  const posts = upcoming.length > 0 ? upcoming : await listLatestPublishedForSample();
  if (posts.length === 0) return null;
  const message = personalizeDigest(buildDigestBody(posts, (await getSiteSettings()).name), { id: PREVIEW_SUBJECT_ID, email: "you@example.org" }, "");
  return { isSample: upcoming.length === 0, posts, message };
}
