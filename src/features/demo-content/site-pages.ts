// The demo site's static pages and footer menu, written for Docket's demo (not taken from any other site).
import { DEMO_EDITOR_EMAIL } from "./content";

export type DemoPage = { slug: string; title: string; description: string; bodyMarkdown: string; createdBy: string; publishedDaysAgo: number };

export const demoPages: DemoPage[] = [
  {
    slug: "about",
    title: "About",
    description: "Who writes here, why the blog exists, and how it is run: a shared space for people who work in and around criminal justice.",
    createdBy: DEMO_EDITOR_EMAIL,
    publishedDaysAgo: 60,
    bodyMarkdown: `This is a blog written by the people who do the work: probation officers, prison staff, magistrates, youth workers, recovery workers, researchers, and people who have been through the system themselves.

Most of what is written about criminal justice is written about it, from the outside. Here the writing comes from the inside, in the first person, with the detail that only someone who was in the room can give.

## What you will find

- **Series.** Running collections on one theme, such as *Why I Speak Up*, in which a different practitioner each week explains why they talk about their job in public.
- **Practice notes.** Short pieces on how a part of the system works day to day: a first appointment, a breach hearing, a parole dossier.
- **Opinion.** Arguments about policy, always signed, and always open to a reply.

## How it is run

A small group of volunteer editors reads every submission, suggests changes, and schedules posts. Nobody is paid and there is no advertising; one category carries a clearly marked sponsor.

Some authors write under a pen name, because their employer or their safety requires it. The editors know who they are; readers do not, and never will from anything on this site.

## Comments

Comments are read before they appear. We welcome disagreement and we remove abuse, anything that could identify a person in a case, and advertising. The full rules are on each post, next to the form.

If something here is wrong, tell us: we correct posts openly and note what changed.`,
  },
  {
    slug: "write-for-us",
    title: "Write for us",
    description: "How to pitch a post or a series: what the editors look for, how long it takes, and what happens to your draft.",
    createdBy: DEMO_EDITOR_EMAIL,
    publishedDaysAgo: 45,
    bodyMarkdown: `We want to hear from anyone with first-hand experience of criminal justice: staff at any grade, volunteers, students on placement, and people who have been supervised, held or sentenced.

## Before you write

Send the editors a few lines first: what you want to say, why you are the person to say it, and roughly how long it will be. We reply within a fortnight, usually sooner.

Good pitches are specific. *"What I learned from my first hundred pre-sentence reports"* tells us more than *"Thoughts on sentencing"*.

## What we look for

1. **Experience.** Tell us what happened and what you saw. Opinion is welcome when it grows out of that.
2. **Care with people.** Change names, dates and places so that nobody in a case can be recognised. If in doubt, leave it out.
3. **Plain words.** Write for a reader who does not work in the system. Explain every acronym the first time.
4. **A length that fits.** Most posts run between 700 and 1,500 words.

## What happens next

Once we agree a pitch, we invite you to the site and you write your draft there. An editor reads it, may suggest changes, and agrees a date with you. You can see every stage of your post, and nothing goes out without your agreement.

You may write under your own name or a pen name. If you choose a pen name, only the editors will know who you are.

## Series

If you have more than one post in you, propose a series: four to ten posts on a theme, one a week or one a month. Tell us the theme and the first three titles.`,
  },
];

/** The demo footer: the two pages, then Docket's usual links. */
export const demoFooterMenu = [
  { id: "about", label: "About", page: "about" },
  { id: "write-for-us", label: "Write for us", page: "write-for-us" },
  { id: "all-series", label: "All series", url: "/series" },
  { id: "rss", label: "RSS feed", url: "/feed.xml" },
  { id: "sitemap", label: "Sitemap", url: "/sitemap.xml" },
] as const;

/** The demo site's description and footer line, stored where the site settings have none. */
export const demoSiteSettings = {
  description: "First-hand writing from people who work in and around criminal justice: practitioners' series, practice notes and signed opinion.",
  footerText: "Posts are the views of their authors, not of their employers. Cases described are composites, with details changed.",
};
