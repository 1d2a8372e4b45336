import type { Sponsor } from "@/features/posts/sponsorship";

/** The category's sponsor block: logo, the editor's line ("Probation posts are sponsored by …"), strapline, link. */
export function SponsorBlock({ sponsor }: { sponsor: Sponsor | null }) {
  if (!sponsor) return null;
  return (
    <aside className="sponsor" aria-label="Sponsor">
      {sponsor.logo && (
        // eslint-disable-next-line @next/next/no-img-element -- stored uploads are already resized
        <img className="sponsor__logo" src={sponsor.logo.url} alt={sponsor.logo.alt} />
      )}
      <div>
        <p className="sponsor__line">
          {sponsor.line}{" "}
          {sponsor.url && (
            <a href={sponsor.url} rel="sponsored noopener">
              Visit {sponsor.name}
            </a>
          )}
        </p>
        {sponsor.strapline && <p className="sponsor__strapline">{sponsor.strapline}</p>}
      </div>
    </aside>
  );
}
