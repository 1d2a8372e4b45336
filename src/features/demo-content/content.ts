// Docket's demo content: what every new installation shows first. All of it is original writing;
// every person, handle and case is invented, and cases are composites. Dates are offsets from the
// moment the content is loaded (see mutations.ts), so the site always looks current.
import type { CommentStatus, PostStatus, Role, SubscriberStatus } from "@/generated/prisma/enums";

export const DEMO_EDITOR_EMAIL = "editor@docket.localhost";
export const DEMO_ADMIN_EMAIL = "admin@docket.localhost";
export const DEMO_AUTHOR_EMAIL = "author@docket.localhost";
export const DEMO_GUEST_EMAIL = "guest@docket.localhost";
/** The Setting row that records a completed load. */
export const DEMO_CONTENT_SETTING_KEY = "demo-content";

export type DemoUser = { email: string; name: string; role: Role };

export type DemoProfile = {
  slug: string;
  displayName: string;
  bio: string;
  xHandle?: string;
  website?: string;
  /** Pen names only: editors see this, readers never do. */
  realName?: string;
  userEmail?: string;
};

export type DemoCategory = {
  slug: string;
  name: string;
  description: string;
  sponsor?: { name: string; url: string; text: string };
};

export type DemoSeries = { slug: string; title: string; description: string };
export type DemoTag = { slug: string; name: string };

export type DemoComment = {
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  /** A reply from a signed-in user (the post's author, say). */
  userEmail?: string;
  body: string;
  status: CommentStatus;
  heldReason?: string;
  /** A documentation-range address; only its keyed hash is stored. */
  ip: string;
  hoursAfterPublication: number;
  replies?: DemoComment[];
};

export type DemoPost = {
  slug: string;
  title: string;
  standfirst?: string;
  body: string;
  status: PostStatus;
  /** PUBLISHED and UNPUBLISHED posts: days before the load. */
  publishedDaysAgo?: number;
  /** SCHEDULED posts: days after the load. */
  scheduledInDays?: number;
  /** SUBMITTED and CHANGES_REQUESTED posts. */
  submittedDaysAgo?: number;
  authors: string[];
  createdBy: string;
  category?: string;
  series?: string;
  seriesPosition?: number;
  tags: string[];
  commentsOpen?: boolean;
  editorialNotes?: { by: string; body: string; daysAgo: number }[];
  comments?: DemoComment[];
};

export const demoUsers: DemoUser[] = [
  { email: DEMO_ADMIN_EMAIL, name: "Site Administrator", role: "ADMIN" },
  { email: DEMO_EDITOR_EMAIL, name: "Miriam Adeyemi", role: "EDITOR" },
  // The login behind a pen name carries the pen name too, so no screen can show the real one by accident.
  { email: DEMO_AUTHOR_EMAIL, name: "Hollis Grey", role: "AUTHOR" },
  { email: DEMO_GUEST_EMAIL, name: "Priya Lal", role: "GUEST" },
];

export const demoProfiles: DemoProfile[] = [
  {
    slug: "miriam-adeyemi",
    displayName: "Miriam Adeyemi",
    bio: "Miriam edits Docket. She spent twelve years in youth justice in London before moving into training, and still runs courses for new practitioners when the editing allows.",
    xHandle: "MiriamAtDocket",
    website: "https://miriam-adeyemi.example",
    userEmail: DEMO_EDITOR_EMAIL,
  },
  {
    slug: "hollis-grey",
    displayName: "Hollis Grey",
    bio: "Hollis Grey is the pen name of a serving probation officer in England who supervises people on licence and community orders. Hollis writes the Caseload series. Every case described is a composite.",
    xHandle: "HollisGreyPO",
    realName: "Daniel Whitcombe",
    userEmail: DEMO_AUTHOR_EMAIL,
  },
  {
    slug: "priya-lal",
    displayName: "Priya Lal",
    bio: "Priya has sat as a magistrate in the West Midlands for nine years and chairs a youth bench. The rest of the week she manages a community pharmacy.",
    xHandle: "PriyaOnTheBench",
    userEmail: DEMO_GUEST_EMAIL,
  },
  {
    slug: "tom-castell",
    displayName: "Tom Castell",
    bio: "Tom is a criminologist at a university in the north of England. He researches desistance and probation practice, and spent five years as a support worker in a hostel before his doctorate.",
    xHandle: "TomCastellCrim",
    website: "https://tomcastell.example",
  },
  {
    slug: "grace-ilori",
    displayName: "Grace Ilori",
    bio: "Grace is a recovery worker with a community drug and alcohol service in south London, and has been in recovery herself for fourteen years.",
    xHandle: "GraceInRecovery",
  },
  {
    slug: "sam-whitlow",
    displayName: "Sam Whitlow",
    bio: "Sam has been a prison officer for eleven years, the last four on nights at a local prison in the north of England.",
    xHandle: "NightsOnB_Wing",
  },
  {
    slug: "ayesha-raza",
    displayName: "Dr Ayesha Raza",
    bio: "Ayesha is a chartered forensic psychologist. She has worked in prisons and secure hospitals for fifteen years and now writes risk assessments for parole hearings.",
    xHandle: "DrAyeshaRaza",
    website: "https://ayesharaza.example",
  },
  {
    slug: "ben-arkwright",
    displayName: "Ben Arkwright",
    bio: "Ben is a custody sergeant with a police force in the East Midlands, responsible for the welfare of everyone detained on his shift.",
    xHandle: "SgtArkwright",
  },
];

export const demoCategories: DemoCategory[] = [
  {
    slug: "probation",
    name: "Probation",
    description:
      "Supervision in the community: community orders, licences, pre-sentence reports, enforcement, and the people who do the work.",
    sponsor: {
      name: "Fieldwork Learning Trust",
      url: "https://fieldwork.example.org",
      text: "Probation posts are sponsored by Fieldwork Learning Trust, a charity that runs practice-learning courses for people starting out in community justice.",
    },
  },
  {
    slug: "courts-and-prisons",
    name: "Courts and Prisons",
    description: "Magistrates' courts, police custody, prisons and parole, written by the people who work in them.",
  },
  {
    slug: "drugs-and-recovery",
    name: "Drugs and Recovery",
    description: "Treatment, recovery and harm reduction, and the places where they meet the justice system.",
  },
];

export const demoSeries: DemoSeries[] = [
  {
    slug: "why-i-speak-up",
    title: "Why I Speak Up",
    description:
      "Practitioners from across the justice system on why they talk about their work in public, when staying quiet would be easier. A new voice most weeks.",
  },
  {
    slug: "caseload",
    title: "Caseload",
    description:
      "A serving probation officer, writing as Hollis Grey, on the everyday practice of supervision: first appointments, reports, enforcement, home visits and endings. Every case described is a composite, with details changed.",
  },
];

export const demoTags: DemoTag[] = [
  { slug: "supervision", name: "Supervision" },
  { slug: "desistance", name: "Desistance" },
  { slug: "sentencing", name: "Sentencing" },
  { slug: "prisons", name: "Prisons" },
  { slug: "recovery", name: "Recovery" },
  { slug: "magistrates", name: "Magistrates" },
  { slug: "social-media", name: "Social media" },
  { slug: "mental-health", name: "Mental health" },
  { slug: "research", name: "Research" },
  { slug: "youth-justice", name: "Youth justice" },
];

/** Old addresses that must keep working: a path from the site Docket replaced, and a renamed slug. */
export const demoRedirects = [
  { fromPath: "/2013/04/why-i-write-the-night-shift/", postSlug: "why-i-speak-up-nights-on-a-remand-wing" },
  { fromPath: "/posts/the-first-appointment", postSlug: "caseload-the-first-appointment" },
];

export type DemoSubscriber = {
  email: string;
  status: SubscriberStatus;
  allPosts: boolean;
  series?: string[];
  categories?: string[];
  subscribedDaysAgo: number;
  confirmedDaysAgo?: number;
  unsubscribedDaysAgo?: number;
};

export const demoSubscribers: DemoSubscriber[] = [
  { email: "ruth.ashdown@example.com", status: "ACTIVE", allPosts: true, subscribedDaysAgo: 64, confirmedDaysAgo: 64 },
  {
    email: "kwame.boateng@example.com",
    status: "ACTIVE",
    allPosts: false,
    series: ["caseload"],
    categories: ["drugs-and-recovery"],
    subscribedDaysAgo: 40,
    confirmedDaysAgo: 39,
  },
  { email: "ellie.marsh@example.com", status: "ACTIVE", allPosts: true, subscribedDaysAgo: 12, confirmedDaysAgo: 12 },
  { email: "new.reader@example.com", status: "PENDING", allPosts: true, subscribedDaysAgo: 1 },
  { email: "on.sabbatical@example.com", status: "PAUSED", allPosts: true, subscribedDaysAgo: 55, confirmedDaysAgo: 55 },
  {
    email: "moved.on@example.com",
    status: "UNSUBSCRIBED",
    allPosts: true,
    subscribedDaysAgo: 70,
    confirmedDaysAgo: 70,
    unsubscribedDaysAgo: 9,
  },
];

// ---------- posts ----------

const whyISpeakUp: DemoPost[] = [
  {
    slug: "why-i-speak-up-a-magistrate-in-public",
    title: "Why I speak up: a magistrate in public",
    standfirst:
      "Priya Lal has sat as a magistrate in the West Midlands for nine years and chairs a youth bench. On weekdays she manages a pharmacy. She posts as @PriyaOnTheBench about what lay justice looks like from the inside.",
    status: "PUBLISHED",
    publishedDaysAgo: 42,
    authors: ["priya-lal"],
    createdBy: DEMO_GUEST_EMAIL,
    category: "courts-and-prisons",
    series: "why-i-speak-up",
    seriesPosition: 1,
    tags: ["magistrates", "social-media"],
    body: `The first time I told a room of sixth-formers that I was a magistrate, a boy at the back asked where my wig was. I explained that we don't wear one, that we aren't paid, and that on the other four days of the week I count tablets in a pharmacy. He looked as if I had confessed to something.

That conversation is, more or less, why I started posting.

## Nobody knows who we are

Magistrates deal with the great majority of criminal cases in England and Wales, yet most people I meet have only the haziest picture of what happens in a magistrates' court. Television prefers juries and barristers. The everyday business of a remand court — bail applications, guilty pleas to shoplifting and drink-driving, careful questions about whether someone can realistically pay a fine — almost never makes the screen.

So the gap gets filled with assumptions. We are soft, or we are harsh. We are retired colonels, or we are rubber stamps for the police. None of those fit the people I sit with: a bus driver, a youth worker, a retired midwife, a software tester in her thirties.

## What I post, and what I never post

I keep three rules, and I wrote them down before my first post:

1. **Nothing about a case that could identify anyone.** Not the defendant, not the witness, not the victim, not which court sat on a given day.
2. **No comment on sentencing decisions**, mine or anyone else's. The reasons are given in court; it is not my place to argue them again online.
3. **Explain the process, not the people.** How bail works. What a pre-sentence report is for. Why we sometimes adjourn when everyone in the room would rather we didn't.

Within those rules there is a surprising amount to say. A thread on the difference between a conditional discharge and a community order drew more thoughtful replies than anything else I have written. A post about the legal adviser — the qualified lawyer who sits in front of the bench and keeps us right on the law — led a law student to apply for a trainee role.

## The bench needs new people

The honest reason I keep going is recruitment. Benches are older and less diverse than the communities they serve, and part of the fix is not complicated: people have to know the role exists, that it is open to them, and that employers must allow reasonable time off for it. Every time someone replies "I didn't know you could just apply", I count it as a good day.

> If you have ever served on a jury and thought you could do this more often, you might make a good magistrate.

One more thing. Sitting in judgment on your neighbours is serious work and it should feel like it. Being visible online has made me more careful in court, not less. People are watching, and they should be.

Thanks to @MiriamAtDocket for the invitation. If you want to ask me something about the bench, my replies are open. #magistrates #OpenJustice`,
    comments: [
      {
        authorName: "Dennis Hart",
        authorEmail: "dennis.hart@example.com",
        body: "Retired JP here, twenty-two years on a bench in Kent. Your second rule is the one I would underline twice. The temptation to explain yourself after a difficult sentencing is enormous, and it never helps.",
        status: "APPROVED",
        ip: "203.0.113.24",
        hoursAfterPublication: 3,
        replies: [
          {
            authorName: "Priya Lal",
            authorEmail: "priya.lal@example.com",
            userEmail: DEMO_GUEST_EMAIL,
            body: "Thank you, Dennis. Twenty-two years! I'd love to know what changed most over that time — the work itself, or who was sitting beside you?",
            status: "APPROVED",
            ip: "198.51.100.7",
            hoursAfterPublication: 5,
            replies: [
              {
                authorName: "Dennis Hart",
                authorEmail: "dennis.hart@example.com",
                body: "Both, but mostly the second. When I started, the bench was almost all retired professionals. By the end we had a nurse, two teachers and a young chap who drove forklifts. The decisions got better for it, in my view.",
                status: "APPROVED",
                ip: "203.0.113.24",
                hoursAfterPublication: 9,
              },
            ],
          },
        ],
      },
      {
        authorName: "Leah Morgan",
        authorEmail: "leah.morgan@example.com",
        body: "Did you have to tell your employer before you applied? I'd like to, but I'm nervous about asking for the time off.",
        status: "APPROVED",
        ip: "192.0.2.51",
        hoursAfterPublication: 26,
      },
      {
        authorName: "J. Pearce",
        authorEmail: "jpearce@example.com",
        body: "Great post. I wrote something similar on my blog https://jpearce.example/bench and there's a list of local advisory committees at https://jpearce.example/committees",
        status: "PENDING",
        heldReason: "2 links",
        ip: "198.51.100.88",
        hoursAfterPublication: 30,
      },
      {
        authorName: "Best Essay Help",
        authorEmail: "promo4423@example.com",
        authorUrl: "https://essays.example",
        body: "Need help with your law coursework? Cheap essays written in 24 hours, guaranteed grades!!!",
        status: "SPAM",
        heldReason: "disallowed list: “essays written”",
        ip: "192.0.2.200",
        hoursAfterPublication: 31,
      },
    ],
  },
  {
    slug: "why-i-speak-up-nights-on-a-remand-wing",
    title: "Why I speak up: nights on a remand wing",
    standfirst:
      "Sam Whitlow has been a prison officer for eleven years, the last four on nights at a busy local prison in the north of England. He posts as @NightsOnB_Wing about the hours between lock-up and unlock.",
    status: "PUBLISHED",
    publishedDaysAgo: 35,
    authors: ["sam-whitlow"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "courts-and-prisons",
    series: "why-i-speak-up",
    seriesPosition: 2,
    tags: ["prisons", "social-media", "mental-health"],
    body: `At nine in the evening the wing changes sound. The servery shutters come down, the last phone calls end, doors close one after another along the landing, and for the next ten hours a handful of us are responsible for a couple of hundred men who, mostly, have not yet been convicted of anything.

Most people never think about that stretch of the day. I didn't either, until I worked it.

## What nights actually involve

A night shift in a local prison is not the quiet you might imagine. A typical one for me includes:

- roll checks, counting every person and matching the count to the board, more than once;
- observations on anyone assessed as at risk of self-harm, sometimes hourly, sometimes constant;
- cell bells, which range from "can I get a light" to a genuine emergency, and you can't tell which until you get there;
- new arrivals from late courts, frightened, sometimes withdrawing from drugs or alcohol, nearly always without their property;
- paperwork, because every observation, every conversation through a door and every decision to open one is written down.

You do not unlock a cell at night on your own. That rule exists for good reasons, and it means that at three in the morning the most important piece of kit you carry is your radio.

## Why I started writing about it

I started posting after a run of weeks in which I spent more of my shift on observations than on anything else. I wanted to say, somewhere, that the people doing those checks were not "guards" from a film but mostly ordinary people from the town, trying to keep someone safe until the morning staff and the healthcare team arrive.

The response surprised me. Nurses replied. So did a chaplain, a couple of former prisoners and a lot of officers from other jails who thought they were the only ones finding it hard. One man told me the worst part of his first night inside had been not knowing whether anyone would answer the bell. That stuck with me. I answer faster now, and I say my name through the door.

## What I'm careful about

I never name a prison, the wing I currently work on, a colleague or anyone in custody. I don't post about incidents while they are live, and I don't post about security at all: how things are done, when, or by whom. Writing under my own name makes that discipline easier, not harder. I'd have to stand behind every word in a staff meeting.

## What I'd like people to take from it

Three things, if I'm lucky.

First, remand prisoners are presumed innocent, and the first nights in custody are some of the most dangerous. Second, the staff on nights are a small team carrying a lot. Third, the people in those cells are still part of the community they came from and will go back to. Talking about them as if they aren't makes everyone's job harder, including the probation officers and recovery workers who pick things up when they leave.

If you work nights anywhere in the system, say hello. There are more of us than you'd think. #PrisonOfficers #NightShift`,
    comments: [
      {
        authorName: "Carl",
        authorEmail: "carl.w@example.com",
        body: "I spent four months on remand a few years back. The officer who talked to me through the door on my second night probably doesn't remember it. I do. Thank you for writing this.",
        status: "APPROVED",
        ip: "192.0.2.17",
        hoursAfterPublication: 8,
      },
      {
        authorName: "Nurse on nights",
        authorEmail: "nights.nurse@example.com",
        body: "From the healthcare side: the handover notes from night staff are often the most useful thing we read at eight in the morning. Good to see the work described properly.",
        status: "APPROVED",
        ip: "203.0.113.140",
        hoursAfterPublication: 20,
      },
      {
        authorName: "Crypto Signals",
        authorEmail: "signals.bot@example.com",
        body: "Make £5,000 a week from home with our trading signals!! DM now",
        status: "SPAM",
        heldReason: "disallowed list: “trading signals”",
        ip: "198.51.100.250",
        hoursAfterPublication: 21,
      },
    ],
  },
  {
    slug: "why-i-speak-up-recovery-in-plain-sight",
    title: "Why I speak up: recovery in plain sight",
    standfirst:
      "Grace Ilori is a recovery worker with a community drug and alcohol service in south London, and has been in recovery herself for fourteen years. She posts as @GraceInRecovery.",
    status: "PUBLISHED",
    publishedDaysAgo: 28,
    authors: ["grace-ilori"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "drugs-and-recovery",
    series: "why-i-speak-up",
    seriesPosition: 3,
    tags: ["recovery", "social-media", "desistance"],
    body: `A young man who had just finished his first week of a drug rehabilitation requirement asked me recently whether I was "a proper worker or one of the recovery ones". I said both, and that the two are not as different as he thought.

That question is a fair summary of why I post.

## Lived experience is not a novelty

I have been in recovery for fourteen years and have worked in treatment services for nine of them. For most of that time I kept the first fact quiet at work, because I worried colleagues would trust my judgement less. What changed my mind was watching people on my caseload light up when a peer mentor walked into the room: someone who had sat in the same plastic chairs and come out the other side.

Online, it's the same. When I post about a good week, I'm not only talking to other professionals. I'm also talking to someone scrolling at two in the morning who isn't sure recovery is a thing that happens to people like them.

## What the work looks like

A lot of what we do is unglamorous and never trends:

- chasing a GP surgery so someone's prescription isn't interrupted when they move;
- sitting in on a benefits appointment so a client doesn't walk out halfway through;
- making sure someone leaving prison has an appointment booked for the day they arrive, not "sometime next week";
- handing out naloxone kits and showing people, patiently, how to use them.

None of that is dramatic. All of it keeps people alive.

## The court connection

Many of the people I see are with us because a court made treatment part of their sentence. I have mixed feelings about coercion, but I've seen it open a door that would otherwise have stayed shut. What makes the difference is whether the order is realistic: whether appointments fit around childcare, whether testing is used to support rather than to catch people out, and whether the probation officer and the treatment worker actually talk to each other.

When they do talk, things go right far more often than the headlines suggest.

## Why it matters to say so

Stigma does most of its damage quietly. It stops people asking for help, stops families talking, and stops employers taking a chance. Every post is a small argument against it, and I would rather make that argument out loud.

If you're a worker, a family member, or someone wondering whether this could be for you: my messages are open, and so is the door of every decent service I know. #RecoveryWorks`,
  },
  {
    slug: "why-i-speak-up-writing-under-a-pen-name",
    title: "Why I speak up: writing under a pen name",
    standfirst:
      "Hollis Grey is the pen name of a serving probation officer in England who supervises people on licence and community orders. Hollis writes our Caseload series and posts as @HollisGreyPO.",
    status: "PUBLISHED",
    publishedDaysAgo: 21,
    authors: ["hollis-grey"],
    createdBy: DEMO_AUTHOR_EMAIL,
    category: "probation",
    series: "why-i-speak-up",
    seriesPosition: 4,
    tags: ["supervision", "social-media"],
    body: `I am sometimes asked, usually politely, what I have to hide. The short answer is: other people.

## Small places, long memories

I supervise around forty people at any one time. Some live in towns where everyone knows whose son was in court last month. If I wrote under my own name, it would take a determined reader about ten minutes to work out which office I work in, and not much longer to guess who I might be writing about. A pen name puts one more step between a story and a person who never agreed to be in it.

That is also why nothing I write is a single real case. Every person who appears in my posts is a composite, with details changed — age, gender, offence, town — until they are nobody in particular while still being true to the work. When a story only works if it's recognisable, I don't tell it.

## Who knows who I am

Anonymity online is easy to abuse, so I want to be clear about the limits of mine. The editors of this site know my real name and my role, and checked both before my first post. I follow my employer's rules on confidentiality and political activity, and I would write exactly the same things under my own name. The pen name protects the people I supervise, not me from accountability.

## Why write at all

Because probation is the part of the justice system that people understand least and rely on most. Most sentences are served in the community, and most people leaving prison come out on licence. The work of supervising them — the appointments, the home visits, the difficult phone calls, the quiet wins — happens out of sight.

I write for three audiences:

1. **New officers**, who are often thrown in at the deep end and deserve to know that the doubt they feel is normal.
2. **People on probation and their families**, who are entitled to know what we are doing and why.
3. **Everyone else**, because the public pays for this service and should be able to judge it on what it actually is.

## What I won't do

I won't comment on live cases, on named individuals, or on anything that could prejudice a hearing. I won't criticise colleagues by implication. And I won't pretend it's all success stories, because that would be its own kind of dishonesty.

Thanks to @MiriamAtDocket for giving the series a home, and to everyone who replies with their own experience. It makes me a better officer. #probation`,
  },
  {
    slug: "why-i-speak-up-the-psychologist-in-the-room",
    title: "Why I speak up: the psychologist in the room",
    standfirst:
      "Dr Ayesha Raza is a chartered forensic psychologist who has worked in prisons and secure hospitals for fifteen years and now writes risk assessments for parole hearings. She posts as @DrAyeshaRaza.",
    status: "PUBLISHED",
    publishedDaysAgo: 14,
    authors: ["ayesha-raza"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "courts-and-prisons",
    series: "why-i-speak-up",
    seriesPosition: 5,
    tags: ["prisons", "mental-health", "sentencing"],
    body: `Most people's idea of a forensic psychologist comes from crime dramas, in which someone in a long coat glances at a crime scene and announces the culprit's childhood. My working week involves rather more reading.

## What the job actually is

Much of my work is assessment. Before a parole hearing I might spend several days with a person's file — sentencing remarks, earlier reports, programme records, behaviour in custody, healthcare notes — before I meet them. Then come interviews, sometimes over several sessions, and structured tools that help me think about risk consistently rather than by instinct.[^tools]

The report that comes out of that is one piece of evidence among many. The panel decides, not me. But the report matters, and so does whether the person it describes can understand it.

## Why I started explaining it in public

I started posting because of the letters. People in prison, and their families, write to psychologists asking what an assessment means, why a recommendation was made, and whether a word like "minimisation" in a report is an insult. Often the honest answer is that our language sounds more certain than the science behind it, and that nobody ever explained it to them.

Explaining it to one person at a time is slow. A clear thread, written once, can be read by thousands — including people who will be sitting across a table from me next month.

## Three things I wish were better known

- **Risk is not a fixed trait.** It changes with circumstances: housing, relationships, substance use, mental health. A good assessment says what would make things safer, not only what might go wrong.
- **Programmes are not a box to tick.** Completing one tells us someone attended. What matters is what they took from it, and whether they can use it when life gets difficult.
- **Uncertainty is normal.** No tool predicts an individual's future. We talk about likelihoods and conditions, and we should say so plainly.

## The limits I keep

I never discuss a case, a hearing or a person I have assessed, even in disguise. I don't comment on individual parole decisions in the news, however often I'm asked. And I try to stay in my lane: I can explain a process, but I'm not the person to say what anyone's sentence should have been.

If one post stops one family from reading a report as a verdict on someone's worth, it has done its job. #psychology #parole

[^tools]: Structured professional judgement tools guide the assessor through factors known to be linked with risk, but leave the final judgement to the assessor, who has to explain how they reached it.`,
  },
  {
    slug: "why-i-speak-up-why-we-started-docket",
    title: "Why I speak up: why we started Docket",
    standfirst:
      "Miriam Adeyemi edits Docket. She spent twelve years in youth justice before moving into training, and posts as @MiriamAtDocket. Next week a custody sergeant takes up the series.",
    status: "PUBLISHED",
    publishedDaysAgo: 7,
    authors: ["miriam-adeyemi"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "courts-and-prisons",
    series: "why-i-speak-up",
    seriesPosition: 6,
    tags: ["social-media", "youth-justice"],
    body: `When I left my youth offending team to run training courses, what I missed most was not the casework but the corridor conversations. The quick "how did you handle that?" by the kettle. The colleague who had seen a situation before and could tell you what usually happened next.

Docket started as an attempt to hold some of those conversations where more people could hear them.

## A place for practitioners

There is no shortage of writing about criminal justice. There are excellent researchers, campaigners, journalists and inspectors, and we link to them often. What felt scarce was writing by the people who do the work day to day: the officers, workers, magistrates and clinicians whose judgement shapes what a sentence means for the person serving it.

Those people are busy, and few are paid to write. So we try to make it easy: short pieces, light editing, clear rules on confidentiality, and an editor who will read a draft at eleven at night if that's when you can send it.

## Why a series

"Why I Speak Up" began with one question we put to everyone we invited: why talk about your work in public at all, when staying quiet would be easier? The answers so far have been more varied than I expected.

| Contributor | Role | The reason in a sentence |
|:--|:--|:--|
| Priya Lal | Magistrate | People can't apply for a role they've never heard of |
| Sam Whitlow | Prison officer | Nights are invisible, and so are the people who work them |
| Grace Ilori | Recovery worker | Stigma works quietly, so the answer is to be heard |
| Hollis Grey | Probation officer | The public pays for probation and should be able to see it |
| Dr Ayesha Raza | Forensic psychologist | Families deserve to understand the reports |

What unites them is a belief that the justice system works better when it is understood, and that understanding starts with people telling the truth about their own corner of it.

## How we keep it safe

- Every contributor agrees not to identify anyone they work with.
- Pen names are allowed where the work requires them, but an editor always knows who is writing.
- We don't publish commentary on live cases.
- Comments are read by a person before anything questionable appears.

## What's next

The series continues next week with a custody sergeant on the hours someone spends in a police cell before anyone else in the system meets them. If you work anywhere in criminal justice and would like to write for us, get in touch. We would love to hear why you speak up. #OpenJustice`,
  },
  {
    slug: "why-i-speak-up-the-custody-desk-at-four-am",
    title: "Why I speak up: the custody desk at four in the morning",
    standfirst:
      "Ben Arkwright is a custody sergeant with a police force in the East Midlands, responsible for the welfare of everyone detained on his shift. He posts as @SgtArkwright.",
    status: "SCHEDULED",
    scheduledInDays: 7,
    authors: ["ben-arkwright"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "courts-and-prisons",
    series: "why-i-speak-up",
    seriesPosition: 7,
    tags: ["mental-health", "social-media"],
    body: `Almost everyone arrested meets a custody sergeant before they meet anyone else in the justice system. I'm the person at the desk who explains your rights, asks whether you have ever harmed yourself, and decides whether there is a lawful reason to keep you in a cell at all.

## The desk is a welfare job

People are surprised when I say that most of my shift is about welfare. The rules that govern police custody put the detained person's rights and safety at the centre, and the custody record tracks every decision: every check, every meal, every phone call, every visit from a solicitor, a nurse or an appropriate adult.

In a busy suite at four in the morning that might mean:

- someone who has drunk far too much and needs proper rousing checks, not a glance through the hatch;
- a seventeen-year-old waiting for an appropriate adult before an interview can start;
- a man withdrawing from heroin who needs the healthcare practitioner, quickly;
- a detainee who speaks no English, and an interpreter on a phone line.

## Why I write about it

Because the custody suite is where the rest of the system begins, and hardly anyone sees it. Probation officers read about it in reports. Magistrates see the result in the dock the next morning. Families wait outside. I write so that the people who come after me in someone's journey know what happens in those first hours, and so that the public know what they are entitled to if they ever end up on the other side of my desk.

## What I don't write about

I never discuss anyone who has been in custody, any ongoing investigation or any operational detail. If you're after war stories, I'm the wrong account.

If you're thinking of becoming a detention officer or a custody sergeant, it's one of the most important jobs in policing and one of the least sought after. Ask me about it. #CustodyMatters`,
  },
];

const caseload: DemoPost[] = [
  {
    slug: "caseload-the-first-appointment",
    title: "Caseload: the first appointment",
    standfirst:
      "In the first Caseload post, Hollis Grey (@HollisGreyPO) on the meeting that sets the tone for everything after it: the first appointment after court.",
    status: "PUBLISHED",
    publishedDaysAgo: 68,
    authors: ["hollis-grey"],
    createdBy: DEMO_AUTHOR_EMAIL,
    category: "probation",
    series: "caseload",
    seriesPosition: 1,
    tags: ["supervision", "desistance"],
    body: `Someone usually walks into the probation office for the first time within a few days of being sentenced. They have had a long day in court, a short conversation with a duty officer, and a letter with an address and a time. They don't know what to expect. Often, they expect the worst.

What happens in the next hour matters more than almost anything I'll do for the rest of the order.

## Before they arrive

I read everything I can: the pre-sentence report if there is one, the court's record of the sentence and its requirements, any previous supervision, and whatever the safeguarding and domestic abuse checks turned up. I want to walk into the room knowing enough that the person doesn't have to tell their whole story again to someone new. Being made to repeat the worst things about yourself to a string of strangers is one of the quiet cruelties of the system.

## In the room

I start with the plainest explanation I can give of what the order is:

- what the court has required — unpaid work hours, rehabilitation activity days, a curfew, treatment — and for how long;
- what I'm required to do, which includes telling the court if things go wrong;
- what they can expect from me: that I'll be on time, that I'll explain my decisions, and that they can complain if they think I've got something wrong.

Then I stop talking and ask what's going on in their life right now. Not their offending — their life. Where are you sleeping tonight? Is there money on the meter? Who's at home? Are you all right?

The answers shape everything. A man with nowhere to live isn't going to make a nine o'clock unpaid work start on the far side of the county. A woman whose partner controls her phone isn't going to reply to text reminders. Better to know now.

## What I'm listening for

Under the practical questions I'm listening for two things. The first is risk: is there anything that tells me someone, including the person in front of me, could be harmed? The second is hope: what do they care about, what have they done well before, who is in their corner? The research on desistance keeps telling us that people stop offending for reasons that are mostly about identity and relationships — becoming someone different, among people who expect it of them.[^desistance] My job is to find those reasons and make room for them.

## The plan

There's a lot of paperwork, and the sentence plan is the part that matters most. I try to write it with the person, not about them, and to use their words where I can. "Get my licence back so I can drive for work" is a better objective than anything I could invent.

## Ending the hour

I finish by booking the next appointment together, writing it down, and checking it fits around work, childcare or treatment. Then I say what I say to everybody: most people complete their orders, and there's no reason you can't be one of them.

Sometimes they believe me. #probation #desistance

[^desistance]: For an accessible way in, look for the writing on desistance by @TomCastellCrim and colleagues, some of which has appeared on Docket.`,
    comments: [
      {
        authorName: "Kerry N.",
        authorEmail: "kerry.n@example.com",
        body: "I was on the other side of that desk eight years ago. My officer asked if I'd eaten that day before she asked anything else. I still think about that.",
        status: "APPROVED",
        ip: "192.0.2.33",
        hoursAfterPublication: 6,
      },
      {
        authorName: "Marcus Reid",
        authorEmail: "marcus.reid@example.com",
        body: "Trainee officer here, six months in. The bit about not making people repeat their story is going on a sticky note on my monitor.",
        status: "APPROVED",
        ip: "203.0.113.61",
        hoursAfterPublication: 30,
      },
      {
        authorName: "Anonymous",
        authorEmail: "angry.reader@example.com",
        body: "Why are we paying for this. Lock them up and throw away the key.",
        status: "TRASH",
        heldReason: "first comment",
        ip: "198.51.100.19",
        hoursAfterPublication: 40,
      },
      {
        authorName: "Shona",
        authorEmail: "shona.k@example.com",
        body: "Does the first appointment work differently for people on licence from prison? My brother is due out in the spring and we don't know what to expect.",
        status: "PENDING",
        heldReason: "first comment",
        ip: "192.0.2.140",
        hoursAfterPublication: 60,
      },
    ],
  },
  {
    slug: "caseload-what-a-pre-sentence-report-is-for",
    title: "Caseload: what a pre-sentence report is for",
    standfirst:
      "Hollis Grey on the report a court reads before deciding a sentence, the different kinds there are, and why the best ones are written with the person rather than about them.",
    status: "PUBLISHED",
    publishedDaysAgo: 56,
    authors: ["hollis-grey"],
    createdBy: DEMO_AUTHOR_EMAIL,
    category: "probation",
    series: "caseload",
    seriesPosition: 2,
    tags: ["supervision", "sentencing"],
    body: `If you have been sentenced for anything more serious than a minor motoring offence, there's a fair chance a probation officer wrote about you first. The pre-sentence report is one of our oldest tasks and, to my mind, still one of the most important.

## What it is

A pre-sentence report gives the court an independent assessment of the person in front of it: the offence as they describe it, their background, the factors linked to their offending, an assessment of the risk they pose and to whom, and a proposal for sentence. The court doesn't have to follow the proposal. But a good report gives the bench or the judge options they might not otherwise have had.

## The kinds of report

Not every case gets the same report. Broadly:

| Type | Typically prepared | Used for |
|:--|:--|:--|
| Oral report | On the day, often after an interview at court | Straightforward cases where the information needed is limited |
| Short format written report | On the day or within a few days | Most cases that need a written assessment |
| Standard delivery report | Over about three weeks | Serious or complex cases, or where a fuller risk assessment is needed |

Timescales vary with the court and with how stretched we are. An adjournment for a full report can feel like a delay to everyone in the room, but sometimes it is the difference between a community sentence that works and a custodial one nobody needed.

## How I write one

The interview is the heart of it. I ask about the offence, and I check what I'm told against the case papers. But I also ask about school, work, family, health, money, drink and drugs — and what the person thinks would help. People are often surprised to be asked that last question.

Then I write with three readers in mind:

1. **The sentencer**, who needs a clear, honest assessment they can rely on.
2. **The person being sentenced**, who has a right to read it and should recognise themselves in it.
3. **Whoever supervises them next**, who may be me or may be someone who has never met them.

## What makes a good one

In my experience the best reports are short, specific and fair. They say what is known and what isn't. They avoid jargon — "poor consequential thinking" means little outside the profession — and they don't promise what the service can't deliver. A proposal for a treatment requirement is worth nothing if the provider has a four-month waiting list, so I ring and check.

## When there's no report

Courts can and do sentence without one, especially when time is short. Sometimes that's fine. Sometimes it means a sentence that looks sensible on paper runs into trouble in week two, because nobody knew the person was homeless, caring for a disabled parent, or already on another order in a different area.

A good report costs a few hours. A failed order costs far more: to the person, to the victim and to the public purse. #probation #sentencing`,
  },
  {
    slug: "caseload-breach-is-not-a-dirty-word",
    title: "Caseload: breach is not a dirty word",
    standfirst:
      "When someone misses appointments, their probation officer has to decide what happens next. Hollis Grey on enforcement, second chances, and why the two are not opposites.",
    status: "PUBLISHED",
    publishedDaysAgo: 44,
    authors: ["hollis-grey"],
    createdBy: DEMO_AUTHOR_EMAIL,
    category: "probation",
    series: "caseload",
    seriesPosition: 3,
    tags: ["supervision", "sentencing"],
    body: `Nobody joins probation to take people back to court. But enforcement is part of the job, and I think we do people a disservice when we treat it as a failure to hide rather than a tool to use well.

## What counts as a failure to comply

An order comes with requirements: turn up to appointments, do the unpaid work, attend the programme, tell your officer if you move. When someone misses something, the first question is whether there was an acceptable reason. A hospital appointment with a letter to prove it is one thing. "I forgot" is another.

Unacceptable absences are recorded, and after a warning, a further one usually means deciding whether to return the case to court. There is some discretion in that decision, and that is where the judgement lies.

## What I weigh up

Before I start breach proceedings I ask myself a short list of questions:

- **Is it a pattern or a blip?** One missed appointment in the week a relative died is not the same as six in a row.
- **What's behind it?** Relapse, eviction, a new job with clashing shifts, a partner who won't let someone leave the house.
- **What does risk tell me?** Where absences come with signs that someone may harm others, enforcement becomes more urgent, not less.
- **What could the court do?** Going back to court can allow an order to be changed into one that fits someone's life. That can be a good outcome.

I talk the hard ones through with my manager. It's never a decision I want to make alone.

## Telling people straight

The fairest thing I can do is make the consequences clear at the start and stick to them. People cope better with an officer who is predictable than with one who is lenient until, suddenly, they aren't. When I give a warning I say exactly what it means and what will happen after another unacceptable absence. Then, if it comes to it, I do what I said.

> I would rather take someone back to court with an honest report arguing for their order to continue than let a drift of missed appointments quietly become a prison sentence later.

## Court is not the end

Breach hearings often end with the order continuing, sometimes amended, sometimes with extra hours or a fine. I have written reports asking for more time, for different requirements, or for a transfer to an office nearer where someone now lives. In my experience benches are glad of a practical suggestion.

What I've learned is that enforcement and support are not opposites. Done properly, they're the same conversation: this matters, you matter, and here is what happens next. #probation`,
  },
  {
    slug: "caseload-the-paperwork-nobody-sees",
    title: "Caseload: the paperwork nobody sees",
    standfirst:
      "Hollis Grey and the criminologist Tom Castell (@TomCastellCrim) on the hours of recording behind every hour of supervision, and what a smarter system would keep.",
    status: "PUBLISHED",
    publishedDaysAgo: 32,
    authors: ["hollis-grey", "tom-castell"],
    createdBy: DEMO_AUTHOR_EMAIL,
    category: "probation",
    series: "caseload",
    seriesPosition: 4,
    tags: ["supervision", "research"],
    body: `This post is a collaboration. One of us supervises people on probation; the other spends a lot of time interviewing people who do. We kept having the same conversation, so we decided to write it down.

## A day, measured

Ask a probation officer how much of the day goes on face-to-face work with the people they supervise, and the answer is rarely more than a third. The rest is everything around it: case notes after every contact, risk assessments at set points and whenever something changes, referrals to other services, letters to court, emails to police, housing and treatment providers, and the recording that shows all of that happened.

Some of this is essential. A good case record protects the public and the person supervised. When an officer goes on leave, or a case moves to another area, the record is what stops supervision starting again from nothing.

But some of it is duplication. The same information typed into two systems. An assessment updated because a date has passed, not because anything has changed. A template with more boxes than anyone reads.

## What officers tell researchers

In interviews, three themes come up again and again:

1. **Time taken from people.** Officers say they would rather spend an extra twenty minutes with someone in crisis than twenty minutes writing about having seen them.
2. **Defensive recording.** After a serious case goes wrong anywhere in the country, recording everywhere tends to grow. Officers write with an imagined inquiry looking over their shoulder.
3. **Good notes, badly used.** What matters most — what someone said about their hopes, what worked last time — is often buried in free text that nobody can search.

## What we'd keep, and what we'd change

We're not arguing for less accountability. We're arguing for recording that earns its place. A few modest suggestions:

- Record once, use everywhere: a change of address shouldn't need typing in three places.
- Review assessments when something changes, not only when the calendar says so.
- Put the plan the person agreed to at the top of the case, where everyone sees it first.
- Ask officers which fields they never use, and retire some of them.

## Why it matters beyond the office

Paperwork sounds like an internal matter, but it shapes what supervision feels like from the other side of the desk. An officer glancing at a screen while you describe the worst week of your life sends a message, whatever they intend.

If you're a practitioner who has found a way to keep your recording honest and your attention on the person, we'd like to hear how: reply to @HollisGreyPO or @TomCastellCrim. #probation #desistance`,
  },
  {
    slug: "caseload-a-home-visit-in-november",
    title: "Caseload: a home visit in November",
    standfirst:
      "Hollis Grey on why probation officers still knock on doors, what a visit shows that an office appointment can't, and how to do one safely.",
    status: "PUBLISHED",
    publishedDaysAgo: 20,
    authors: ["hollis-grey"],
    createdBy: DEMO_AUTHOR_EMAIL,
    category: "probation",
    series: "caseload",
    seriesPosition: 5,
    tags: ["supervision", "mental-health"],
    body: `The office is our ground. A home is theirs. That's exactly why home visits matter, and why I still make them when the diary says I haven't the time.

## What you see on a doorstep

In an office appointment, people show you the version of their life that fits in a plastic chair for forty-five minutes. On a doorstep you see the rest. Whether the flat is warm. Whether there's food in the kitchen. Whether the children are at school. Who else is there, and how the person you supervise behaves around them.

Some of that is about risk, and I won't pretend otherwise. Where there are concerns about domestic abuse or children's safety, a visit can tell me more in ten minutes than a month of office appointments. But much of it is simply about understanding. It's hard to help someone keep a tenancy if you've never seen the damp.

## Doing it safely

Home visits need planning. Before I go I check:

- the latest information from police and children's services, where it's relevant;
- whether anyone else at the address could present a risk;
- that a colleague knows where I'm going, when I expect to be back and how to reach me;
- whether the visit should be done in pairs — and if so, that I actually wait for the second officer.

I keep visits short unless there's a reason not to. I sit near the door. I don't go in if something feels wrong at the threshold, and I've learned to trust that feeling.

## The visit I remember

One November afternoon I called on a man in his fifties who had missed two appointments and was heading for a warning. His flat was bare and freezing. He'd stopped eating properly after his brother died and had been too ashamed to tell anyone. We sat in our coats while I rang his GP and a local bereavement service. He hasn't missed an appointment since — not because he fears me, but because someone finally knew what was going on.

Every case in this series is a composite, and that one is too. But I've had some version of that afternoon many times.

## What it asks of us

Home visits cost time, fuel and nerve, and they're among the first things to go when caseloads rise. I think that's a false economy, and I'll argue for them in any team meeting. #probation`,
  },
  {
    slug: "caseload-ending-an-order-well",
    title: "Caseload: ending an order well",
    standfirst:
      "Most people complete their orders, and the last appointment deserves as much care as the first. Hollis Grey on endings.",
    status: "PUBLISHED",
    publishedDaysAgo: 3,
    authors: ["hollis-grey"],
    createdBy: DEMO_AUTHOR_EMAIL,
    category: "probation",
    series: "caseload",
    seriesPosition: 6,
    tags: ["supervision", "desistance"],
    body: `We put a great deal of effort into beginnings. There are induction checklists, assessment deadlines and first-appointment targets. Endings get a letter.

I think that's a mistake, and over the years I've tried to make the last appointment count.

## Why endings matter

When an order ends, supervision stops, but life doesn't. The person still has the same landlord, the same family, the same temptations and the same strengths. If all the support we arranged stops on the day the order does, we've built something designed to fall down.

There's also something important about being told you've done well. Many of the people I supervise have been told they were failing for most of their lives — at school, at work, in court. Completing an order is often the first formal thing they've finished.

## What I do in the last month

- **Look back together.** We read the sentence plan from the first appointment and talk about what changed. People are often surprised by how far they've come.
- **Hand over, don't drop.** Any support that needs to continue — treatment, mentoring, help with housing — is confirmed with a named person and a date beyond the end of the order.
- **Plan for a bad week.** What would you do if things went wrong in three months' time? Who would you call?
- **Say it out loud.** I tell people plainly that they've completed their order and what that means. If they want it in writing, they get a letter that says more than "your order has expired".

## And for us

Endings matter for officers too. We spend a lot of time on the cases that go wrong, in supervision and in reviews. It's good, now and then, to spend ten minutes with a manager on one that went right, and to ask what we did that helped.

That's the last Caseload post for this year. Thank you for reading, and for the replies; there's more to come in the new year. #probation #desistance`,
  },
];

const standalone: DemoPost[] = [
  {
    slug: "what-reoffending-figures-can-and-cannot-tell-you",
    title: "What the reoffending figures can and can't tell you",
    standfirst:
      "Tom Castell is a criminologist who studies desistance and probation practice, and posts as @TomCastellCrim. Here he explains how to read a reoffending statistic before you share it.",
    status: "PUBLISHED",
    publishedDaysAgo: 61,
    authors: ["tom-castell"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "probation",
    tags: ["research", "desistance", "sentencing"],
    body: `Every time a new set of reoffending statistics appears, someone uses it within the hour to prove that prison works, that prison doesn't work, that probation is failing or that a new programme is a triumph. Most of those claims rest on a misunderstanding of what the numbers measure.

This is a short guide to reading them more carefully.

## What "proven reoffending" means

The headline measure counts people who receive a caution or conviction for an offence committed within a fixed follow-up period after leaving prison or starting a community sentence, with extra time allowed for cases to make their way through the courts. Three things follow from that definition:

1. It counts **proven** offences, not all offending. Crimes that are never reported or solved don't appear.
2. It is sensitive to **police and court activity**. More enforcement in an area can raise the rate without any change in behaviour.
3. In its simplest form it is **binary**. Someone who goes from twenty burglaries a year to a single shoplifting counts the same as someone who hasn't changed at all.

## Different measures, different stories

| Measure | What it counts | What it misses |
|:--|:--|:--|
| Binary rate | Whether someone reoffended at all in the period | How much, and how seriously |
| Frequency | How many proven offences per person | Whether offences are becoming less serious |
| Severity | Whether a new offence was more or less serious than the original | Offending that is never proven |
| Time to reoffence | How long people go before a proven offence | Whether the eventual offence is minor or grave |

A programme that cuts frequency and severity can still look like a failure on the binary measure. That matters when funding decisions rest on a single headline.

## A worked example

Imagine two groups of a hundred people, each followed for a year. The numbers are invented, chosen only to make the point.

In the first group, 40 people have a proven reoffence, and between them they account for 160 proven offences. In the second group, 45 people reoffend, but between them they account for 90 offences, most of them less serious than the ones that brought them to court in the first place.

On the binary measure the first group looks better: 40 per cent against 45. On frequency the second looks far better: two offences for each person who reoffended, against four. So which sentence "worked"? It depends on what you care about — and a headline will usually tell you only one of the two.

> A single percentage is a summary of a great many lives. It is worth asking what it leaves out before deciding what it proves.

## Comparing like with like

The most common mistake is comparing groups that were never alike. People given short prison sentences differ in many ways from people given community orders for similar offences: their histories, their housing, their needs. A raw comparison of their reoffending rates tells you about those differences as much as about the sentences. Good studies match people carefully, and even then they are cautious about what they conclude.

## What the numbers are good for

None of this makes the statistics useless. Tracked over time with consistent methods, they show broad trends. Broken down by age, offence and sentence, they raise useful questions. They are a starting point for asking why, not an answer in themselves.

## Before you share

Ask three questions of any reoffending figure: proven by whom, measured how, compared with what? If the post doesn't say, treat its conclusion with care. And if you're a journalist, an editor or a minister, please link to the method. #research #desistance`,
    comments: [
      {
        authorName: "Helen Osei",
        authorEmail: "helen.osei@example.com",
        body: "Really useful, thank you. Is the frequency measure published routinely, or do you have to ask for it?",
        status: "APPROVED",
        ip: "203.0.113.9",
        hoursAfterPublication: 12,
        replies: [
          {
            authorName: "Tom Castell",
            authorEmail: "tom.castell@example.com",
            body: "Thanks, Helen. Frequency figures are usually published alongside the headline rate, but they get far less attention. They're worth looking for in the tables rather than the summary.",
            status: "APPROVED",
            ip: "198.51.100.42",
            hoursAfterPublication: 15,
          },
        ],
      },
    ],
  },
  {
    slug: "the-first-fortnight-after-prison",
    title: "The first fortnight: why release from prison is a risky time for people who use drugs",
    standfirst:
      "Recovery worker Grace Ilori (@GraceInRecovery) on the days after release, when tolerance is low and support is thin, and what services can do about it.",
    status: "PUBLISHED",
    publishedDaysAgo: 38,
    authors: ["grace-ilori"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "drugs-and-recovery",
    tags: ["recovery", "prisons"],
    commentsOpen: false,
    body: `The day someone leaves prison should be a good day. For people who use drugs it is too often one of the most dangerous days of their lives.

## Why the first weeks are risky

Tolerance to opioids falls during time in custody, even when some use carried on inside. People leave with a small discharge grant, sometimes with nowhere settled to live, and go back to the same places and the same people. If they use at the amount they used before, the risk of overdose is far higher than it was. The danger is well documented and it isn't new.

## What gets in the way

In my experience the problems are rarely about willingness. They are about gaps:

- release on a Friday afternoon, just as services close for the weekend;
- a treatment appointment booked in one town while the person is released to a hostel in another;
- a prescription that stops at the gate and restarts days later, if at all;
- no phone, no ID and no bank account, so nothing can be sorted quickly.

## What works

None of this is complicated, and good practice already exists:

1. **Continuity of care.** Treatment arranged before release, with an appointment on the day someone gets out.
2. **Naloxone in the bag.** Everyone at risk, and the people they live with, offered a kit and shown how to use it.
3. **Met at the gate.** A familiar face at release — a peer mentor or a worker — makes it far more likely the first appointment happens.
4. **An honest talk about tolerance.** Not a leaflet but a conversation, ideally with someone who has been there.

## If this is about you

If you or someone you love is leaving prison soon, ask the prison's healthcare or substance misuse team about a community appointment and a naloxone kit before release day. If you use, don't use alone, and start low. If someone becomes unresponsive, call 999: naloxone can wear off before the drugs do.

Comments are closed on this post. If you need support now, your local drug and alcohol service or your GP can help, and the team in the prison can make a referral before release. #RecoveryWorks #naloxone`,
  },
  {
    slug: "short-sentences-long-shadows",
    title: "Short sentences, long shadows",
    standfirst:
      "A prison sentence of a few weeks sounds like the lightest touch the system has. Docket's editor Miriam Adeyemi argues it is often one of the heaviest.",
    status: "PUBLISHED",
    publishedDaysAgo: 10,
    authors: ["miriam-adeyemi"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "courts-and-prisons",
    tags: ["sentencing", "prisons", "supervision"],
    body: `A prison sentence of a few weeks sounds, to many people, like the lightest touch the system has. In practice it can be one of the heaviest.

## What a short sentence interrupts

Think about what a few weeks inside can undo for someone who had, until recently, been holding things together. A tenancy can be lost when housing support stops. A job almost certainly goes. Children may move to relatives or into care. A place on a treatment programme goes to someone else. On release, the person walks out with less than they walked in with, and with one more reason to believe the system has written them off.

Meanwhile, the time inside is too short for meaningful work on whatever led there. Most of it goes on induction and release planning.

## Caution, not abolition

I'm not arguing that short sentences should never be passed. Sometimes repeated breaches of community orders leave sentencers with few other options, and some victims need protecting now. Sentencers deal with the person in front of them, not with a policy paper.

But the research from many places over many years suggests that, for people on the margins, a well-run community sentence is at least as likely to reduce reoffending as a short spell in custody, and far less likely to cost them their home and job along the way. Where that holds, the community option should be the first one on the table — and it has to be resourced well enough that benches trust it.

## What would help

- **Reports before short sentences.** Sentencers should have current information about housing, work and caring responsibilities before deciding.
- **Community orders that are credible.** Unpaid work that starts promptly, treatment without long waits, and supervision by officers with manageable caseloads.
- **Release that isn't a cliff edge.** Where a short sentence is passed, housing and benefits should be protected as far as the rules allow.

The argument about short sentences is usually framed as soft against tough. It would be better framed as what works against what merely looks decisive. #sentencing #probation`,
    comments: [
      {
        authorName: "Owen Price",
        authorEmail: "owen.price@example.com",
        body: "As a duty solicitor I'd add one thing: the short sentence often isn't short at all once recall is taken into account. Licence periods can be longer than the time inside.",
        status: "APPROVED",
        ip: "192.0.2.77",
        hoursAfterPublication: 4,
      },
      {
        authorName: "Frank",
        authorEmail: "frank.t@example.com",
        body: "Victims deserve better than this soft nonsense, frankly.",
        status: "PENDING",
        heldReason: "moderation list: “nonsense”",
        ip: "203.0.113.201",
        hoursAfterPublication: 7,
      },
    ],
  },
];

const behindTheScenes: DemoPost[] = [
  {
    slug: "caseload-approved-premises-after-midnight",
    title: "Caseload: approved premises after midnight",
    standfirst: "Hollis Grey on the hostels where some people live when they first leave prison.",
    status: "DRAFT",
    authors: ["hollis-grey"],
    createdBy: DEMO_AUTHOR_EMAIL,
    category: "probation",
    series: "caseload",
    tags: ["supervision", "prisons"],
    body: `Approved premises — the hostels where some people live when they first leave prison — are staffed around the clock. I've spent a few late evenings in one, and they are nothing like the picture most people have.

## Notes to expand

- the curfew, and why it matters more than the rules sheet suggests
- what the night staff see that the day team doesn't
- moving on: why the second address is harder to find than the first

(Draft: needs a proper ending and a check with the team before it goes anywhere.)`,
  },
  {
    slug: "what-a-victim-personal-statement-can-and-cannot-do",
    title: "What a victim personal statement can and can't do",
    standfirst:
      "Priya Lal (@PriyaOnTheBench) on the statement victims can make about the effect a crime had on them, and how benches listen to it.",
    status: "SUBMITTED",
    submittedDaysAgo: 2,
    authors: ["priya-lal"],
    createdBy: DEMO_GUEST_EMAIL,
    category: "courts-and-prisons",
    tags: ["magistrates", "sentencing"],
    body: `Victims of crime can make a statement describing how the offence affected them, and they can ask to read it aloud in court. In nine years on the bench I've heard many, and some have stayed with me for weeks.

## What it is for

The statement tells the court what harm was done, in the words of the person who suffered it. That can matter to sentence, because the seriousness of an offence depends partly on the harm it caused.

## What it is not for

It is not an opportunity to propose a sentence, and benches are told not to take any view a victim expresses about sentence into account. That can feel harsh to victims, and I think we could explain it better.

## What I'd change

More support for victims who want to read their statement themselves, and a plain explanation, before the hearing, of what the court can and can't do with it.`,
  },
  {
    slug: "inside-the-youth-court",
    title: "Inside the youth court: a morning on the bench",
    standfirst: "Priya Lal on how the youth court differs from the adult court, and why it should.",
    status: "CHANGES_REQUESTED",
    submittedDaysAgo: 6,
    authors: ["priya-lal"],
    createdBy: DEMO_GUEST_EMAIL,
    category: "courts-and-prisons",
    tags: ["magistrates", "youth-justice"],
    editorialNotes: [
      {
        by: DEMO_EDITOR_EMAIL,
        daysAgo: 4,
        body: "Thanks, Priya — this is lovely and I want to run it. Two things first: the third section describes one hearing in enough detail that someone local might recognise it, so could you make it a composite or cut the detail of the offence? And could you add a sentence on the reporting restrictions that apply in the youth court? Then send it back and I'll schedule it.",
      },
    ],
    body: `The youth court sits in the same building as the adult court, but it shouldn't feel like the same place, and on a good morning it doesn't.

## Who is in the room

Fewer people, for a start. The public can't walk in. A parent or carer must usually attend. We sit at the same level as the young person where the room allows, and we speak to them directly, by their first name.

## What we're trying to do

The principal aim of the youth justice system is to prevent offending by children and young people, and the welfare of the child is something every youth court must have regard to. That changes the questions we ask.

## A hearing I remember

A fifteen-year-old appeared for a theft from a shop near his school, on a Tuesday in March, with his grandmother beside him...`,
  },
  {
    slug: "electronic-monitoring-what-the-tag-cannot-see",
    title: "Electronic monitoring: what the tag can't see",
    standfirst: "Tom Castell on what curfew tags and location monitoring do well, and what they can't tell anyone.",
    status: "UNPUBLISHED",
    publishedDaysAgo: 50,
    authors: ["tom-castell"],
    createdBy: DEMO_EDITOR_EMAIL,
    category: "probation",
    tags: ["research", "supervision"],
    editorialNotes: [
      {
        by: DEMO_EDITOR_EMAIL,
        daysAgo: 47,
        body: "Unpublished at Tom's request while he checks the description of the monitoring contracts in the second section. To go back up once corrected.",
      },
    ],
    body: `Electronic monitoring is one of the fastest-growing parts of the justice system, and one of the least discussed by the people who work with it every day.

## What it does well

A curfew tag tells you whether someone was at home when they were supposed to be. A location tag tells you where they went. Both are far cheaper than custody and, used carefully, can let someone keep a job and a home while serving a sentence.

## What it can't see

A tag can't see who else is in the house, whether the person is using, or whether the relationship they are confined with is a safe one. It measures compliance, not change.

## What that means for practice

Monitoring works best as part of supervision, not instead of it.`,
  },
];

export const demoPosts: DemoPost[] = [...whyISpeakUp, ...caseload, ...standalone, ...behindTheScenes];
