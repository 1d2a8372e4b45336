import type { PublishedPost } from "@/features/posts/data";

/** The category's sponsor acknowledgement, e.g. "Probation posts sponsored by …". */
export function SponsorBlock({ category }: { category: NonNullable<PublishedPost["category"]> }) {
  if (!category.sponsorName) return null;
  const text = category.sponsorText || `${category.name} posts are sponsored by ${category.sponsorName}.`;
  return (
    <aside className="sponsor" aria-label="Sponsor">
      <p>
        {text}{" "}
        {category.sponsorUrl && /^https?:\/\//i.test(category.sponsorUrl) && (
          <a href={category.sponsorUrl} rel="sponsored noopener">
            Visit {category.sponsorName}
          </a>
        )}
      </p>
    </aside>
  );
}
