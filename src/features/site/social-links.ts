// The site's social accounts as links: for the footer, JSON-LD's sameAs and the X card's site.
import type { SocialAccounts } from "./schema";

export type SocialLink = { network: "X" | "Bluesky" | "Mastodon" | "LinkedIn"; url: string };

export function socialLinks(social: SocialAccounts): SocialLink[] {
  const links: (SocialLink | null)[] = [
    social.x ? { network: "X", url: `https://x.com/${social.x}` } : null,
    social.bluesky ? { network: "Bluesky", url: `https://bsky.app/profile/${social.bluesky}` } : null,
    social.mastodon ? { network: "Mastodon", url: social.mastodon } : null,
    social.linkedin ? { network: "LinkedIn", url: social.linkedin } : null,
  ];
  return links.filter((link): link is SocialLink => link !== null);
}
