import { readFileSync } from "node:fs";
import path from "node:path";
import type { Element } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "@/lib/html-to-markdown";
import { renderPostMarkdown } from "@/lib/markdown";
import { wordpressContentToMarkdown, type WordPressContentContext } from "./convert-content";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../tests/fixtures/wordpress-content");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

const parseHtml = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html);
const rendered = (markdown: string) => renderPostMarkdown(markdown).html;

function elements(html: string, tagName: string): Element[] {
  const found: Element[] = [];
  visit(parseHtml(html), "element", (node) => {
    if (node.tagName === tagName) found.push(node);
  });
  return found;
}

const textOf = (node: Element) => hastToString(node).replace(/\s+/g, " ").trim();

function executableParts(html: string): string[] {
  const found: string[] = [];
  visit(parseHtml(html), "element", (node) => {
    if (/^(script|iframe|object|embed|style)$/.test(node.tagName)) found.push(`<${node.tagName}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`${name} handler`);
      if (typeof value === "string" && (name === "href" || name === "src") && /^(javascript|vbscript|data):/i.test(value)) found.push(value);
    }
  });
  return found;
}

const UPLOADS = "https://old-blog.example.org/wp-content/uploads";

const tweetCache = (id: string, handle: string, name: string, text: string, date: string) =>
  `<blockquote class="twitter-tweet" data-width="550" data-dnt="true"><p lang="en" dir="ltr">${text}</p>&mdash; ${name} (@${handle}) <a href="https://twitter.com/${handle}/status/${id}?ref_src=twsrc%5Etfw">${date}</a></blockquote><script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>`;

const OEMBED_CACHE = [
  tweetCache(
    "1100000000000000011",
    "NightShiftNotes",
    "Night Shift Notes",
    "Eleven years of nights and the question I still get most is &quot;do you sleep in the day?&quot; Yes. Badly. Thread on what the night shift actually does",
    "March 3, 2019",
  ),
  "{{unknown}}",
  tweetCache(
    "1100000000000000033",
    "NightShiftNotes",
    "Night Shift Notes",
    'Nobody joins the prison service for the pay. Most stay for the people, staff and prisoners both. <a href="https://t.co/Zx9Shared1">https://t.co/Zx9Shared1</a>',
    "March 5, 2019",
  ),
  tweetCache(
    "1200000000000000044",
    "ProbationVoices",
    "Probation Voices",
    "Caseloads of sixty are not a staffing plan. They are a waiting list with a name on every line.",
    "June 29, 2020",
  ),
];

type Case = {
  context?: WordPressContentContext;
  problems?: string[];
  teaser?: string;
  pageCount?: number;
  mediaUrls?: string[];
  /** Checks on the rendered post. */
  renders: (html: string) => void;
};

const CASES: Record<string, Case> = {
  "classic-caption-markup": {
    mediaUrls: [`${UPLOADS}/2012/04/dock-300x200.jpg`, `${UPLOADS}/2008/02/gavel.jpg`, `${UPLOADS}/2021/07/wig.jpg`],
    renders: (html) => {
      // Each caption (wp-caption-text, an old theme's dd, a block's figcaption) is the figure's caption.
      expect(elements(html, "figcaption").map(textOf)).toEqual(["The dock at number 3 court", "Not used in English courts", "Horsehair, still"]);
      expect(elements(html, "p")).toEqual([]);
      expect(elements(html, "li")).toEqual([]);
    },
  },
  "text-details": {
    renders: (html) => {
      expect(elements(html, "sup").map(textOf)).toEqual(["2"]);
      expect(elements(html, "sub").map(textOf)).toEqual(["2"]);
      const paragraphs = elements(html, "p").map(textOf);
      expect(paragraphs[0]).toBe("Energy is E = mc2, and the cells smelt of H2S.");
      // (Raw text: \s matches U+FEFF.)
      expect(hastToString(elements(html, "p")[1])).toBe("A long address broke here: docket.example/very\u200blong\u200bpath, and a joiner sat in wo\ufeffrd.");
      expect(paragraphs[2]).toBe("The feed writer printed <![CDATA[ before every value, and ]]> after it.");
      expect([...elements(html, "h4"), ...elements(html, "h5"), ...elements(html, "h6")].map((heading) => `${heading.tagName} ${textOf(heading).replace(/ #$/, "")}`)).toEqual(["h4 Four", "h5 Five", "h6 Six"]);
    },
  },
  "classic-autop": {
    renders: (html) => {
      expect(elements(html, "p").map(textOf)).toHaveLength(6);
      expect(elements(html, "br")).toHaveLength(1);
      expect(elements(html, "pre").map(textOf)).toEqual(["Date: Areas visited: Applications received:"]);
      expect(elements(html, "li")).toHaveLength(3);
      expect(elements(html, "blockquote")).toHaveLength(1);
    },
  },
  "block-editor": {
    context: {
      footnotes: JSON.stringify([
        {
          content: "Panels are part of a referral order, the usual sentence for a first conviction in the youth court.",
          id: "6b3c2a10-4d5e-4f60-9a7b-1c2d3e4f5a6b",
        },
      ]),
    },
    problems: ['Block "latest-posts" is generated by WordPress when the page is shown and has no saved content, so it is left out.'],
    mediaUrls: [`${UPLOADS}/2023/06/panel-room-1024x683.jpg`],
    renders: (html) => {
      expect(elements(html, "h2").map(textOf)).toEqual(["What goes into a contract #", "Notes"]);
      expect(elements(html, "ol")).toHaveLength(2); // the list and the notes
      expect(elements(html, "figcaption").map(textOf)).toEqual(["The room we borrow from the community centre"]);
      expect(elements(html, "hr")).toHaveLength(1);
      expect(elements(html, "th")).toHaveLength(2);
      expect(elements(html, "pre")).toHaveLength(1);
      expect(elements(html, "section").map(textOf)).toEqual([
        "Notes Panels are part of a referral order, the usual sentence for a first conviction in the youth court. ↩",
      ]);
    },
  },
  caption: {
    mediaUrls: [
      `${UPLOADS}/2019/05/visits-hall.jpg`,
      `${UPLOADS}/2019/05/visits-hall-640x427.jpg`,
      `${UPLOADS}/2017/02/play-corner-300x200.jpg`,
    ],
    renders: (html) => {
      // Captions reach readers as figures (src/lib/markdown.ts).
      const figures = elements(html, "figure").map((figure) => figure.children.filter((child): child is Element => child.type === "element"));
      const imageIn = (element: Element) => (element.tagName === "a" ? (element.children[0] as Element) : element);
      expect(figures.map(([image, caption]) => [imageIn(image).tagName, imageIn(image).properties.alt, caption.tagName, textOf(caption)])).toEqual([
        ["img", "Tables and chairs in a freshly painted visits hall", "figcaption", "The visits hall after it was repainted"],
        ["img", "A small play corner with a box of toys", "figcaption", "The play corner, before"],
      ]);
      expect(html).not.toContain("[caption");
    },
  },
  gallery: {
    context: {
      attachments: new Map([
        [501, { url: `${UPLOADS}/2021/09/reception.jpg`, alt: "The reception desk with leaflets laid out", caption: "Reception, ready at nine" }],
        [502, { url: `${UPLOADS}/2021/09/meeting-room.jpg`, alt: "A meeting room with a whiteboard" }],
        [640, { url: `${UPLOADS}/2021/09/queue.jpg`, alt: "Visitors queueing at the door" }],
      ]),
      attachedImageIds: [640],
    },
    problems: ["[gallery]: attachment 509 was not found, so its image is left out."],
    mediaUrls: [`${UPLOADS}/2021/09/reception.jpg`, `${UPLOADS}/2021/09/meeting-room.jpg`, `${UPLOADS}/2021/09/queue.jpg`],
    renders: (html) => {
      expect(elements(html, "img").map((image) => image.properties.src)).toEqual([
        `${UPLOADS}/2021/09/reception.jpg`,
        `${UPLOADS}/2021/09/meeting-room.jpg`,
        `${UPLOADS}/2021/09/queue.jpg`,
      ]);
      expect(html).not.toContain("[gallery");
    },
  },
  embed: {
    mediaUrls: [`${UPLOADS}/2022/03/panel.mp3`],
    renders: (html) => {
      expect(elements(html, "a").map((link) => link.properties.href)).toEqual([
        "https://www.youtube.com/watch?v=Pn8rTalk01",
        "https://vimeo.com/812345678",
        `${UPLOADS}/2022/03/panel.mp3`,
        "https://www.youtube.com/watch?v=Qa7Follow02",
      ]);
      expect(executableParts(html)).toEqual([]);
    },
  },
  "tweet-url": {
    context: { oembedCache: OEMBED_CACHE },
    problems: ["Tweet https://x.com/former_governor/status/1100000000000000022: no cached copy of its text, so it is kept as a quoted link."],
    renders: (html) => {
      const quotes = elements(html, "blockquote");
      expect(quotes).toHaveLength(3);
      expect(textOf(quotes[0])).toMatch(/^Eleven years of nights .* — Night Shift Notes \(@NightShiftNotes\) March 3, 2019$/);
      expect(textOf(quotes[1])).toBe("Tweet by @former_governor");
      expect(textOf(quotes[2])).toMatch(/^Nobody joins the prison service/);
      const permalinks = quotes.map(permalinkOf);
      expect(permalinks).toEqual([
        "https://twitter.com/NightShiftNotes/status/1100000000000000011",
        "https://x.com/former_governor/status/1100000000000000022",
        "https://twitter.com/NightShiftNotes/status/1100000000000000033",
      ]);
      expect(executableParts(html)).toEqual([]);
    },
  },
  "twitter-oembed": {
    context: { oembedCache: OEMBED_CACHE },
    renders: (html) => {
      const quotes = elements(html, "blockquote").map(textOf);
      expect(quotes).toEqual([
        "Caseloads of sixty are not a staffing plan. They are a waiting list with a name on every line. — Probation Voices (@ProbationVoices) June 29, 2020",
        "Responses to the consultation close at midnight. If you have worked in a #probation office, @MiriamAtDocket wants to hear from you. — Docket Editors (@DocketEditors) June 30, 2020",
      ]);
      expect(html).not.toContain("platform.twitter.com");
      expect(html).not.toContain("ref_src");
      expect(executableParts(html)).toEqual([]);
    },
  },
  "unknown-shortcode": {
    problems: [
      'Unknown shortcode [contact-form-7 id="12" title="Write to the board"] is kept as text.',
      'Unknown shortcode [pullquote align="right"] is kept as text.',
      "Unknown shortcode [accordion] is kept as text.",
      'Unknown shortcode [accordion_item title="Who sits on the board?"] is kept as text.',
    ],
    renders: (html) => {
      const paragraphs = elements(html, "p").map(textOf);
      expect(paragraphs[0]).toBe('Before the hearing the family wrote to the board. [contact-form-7 id="12" title="Write to the board"]');
      expect(paragraphs[2]).toContain('"we was [sic] never told the date"');
      expect(paragraphs[2]).toContain("like [gallery], and");
    },
  },
  "more-nextpage": {
    teaser: "This is the story of one probation office's first year after the service was reunified.\n\nIt begins, as these stories do, with a reorganisation.\n",
    pageCount: 3,
    renders: (html) => {
      expect(elements(html, "hr")).toHaveLength(2);
      expect(elements(html, "p")).toHaveLength(5);
    },
  },
};

/** A tweet quotation's permalink: its last link. */
function permalinkOf(quote: Element): unknown {
  let href: unknown;
  visit(quote, "element", (node) => {
    if (node.tagName === "a") href = node.properties.href;
  });
  return href;
}

describe.each(Object.keys(CASES))("WordPress content: %s", (name) => {
  const testCase = CASES[name];
  const convert = () => wordpressContentToMarkdown(fixture(`${name}.html`), testCase.context);

  it("gives exactly the expected markdown, problems and media addresses", () => {
    const result = convert();
    expect(result.markdown).toBe(fixture(`${name}.md`));
    expect(result.problems).toEqual(testCase.problems ?? []);
    expect(result.mediaUrls).toEqual(testCase.mediaUrls ?? []);
    expect(result.teaser).toBe(testCase.teaser ?? null);
    expect(result.pageCount).toBe(testCase.pageCount ?? 1);
  });

  it("renders to the expected elements, with nothing executable", () => {
    const html = rendered(convert().markdown);
    testCase.renders(html);
    expect(executableParts(html)).toEqual([]);
  });

  it("is stable: rendered and converted again, it gives the same markdown", () => {
    const { markdown } = convert();
    expect(htmlToMarkdown(rendered(markdown))).toBe(markdown);
  });
});

describe("WordPress content", () => {
  it("adds paragraphs and line breaks to classic content, but not inside <pre> or block content", () => {
    expect(wordpressContentToMarkdown("One\ntwo\n\nThree\n<pre>a\n\nb</pre>").markdown).toBe("One\\\ntwo\n\nThree\n\n```\na\n\nb\n```\n");
    expect(wordpressContentToMarkdown("<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->").markdown).toBe("One two\n");
  });

  it("quotes a tweet given in [embed], from the cached oEmbed HTML", () => {
    const result = wordpressContentToMarkdown("[embed]https://twitter.com/ProbationVoices/status/1200000000000000044[/embed]", {
      oembedCache: OEMBED_CACHE,
    });
    expect(result.markdown).toBe(
      "> Caseloads of sixty are not a staffing plan. They are a waiting list with a name on every line.\n>\n> — Probation Voices (@ProbationVoices) [June 29, 2020](https://twitter.com/ProbationVoices/status/1200000000000000044)\n",
    );
    expect(result.problems).toEqual([]);
  });

  it("rewrites link and image addresses when asked, reporting the originals", () => {
    const result = wordpressContentToMarkdown(
      `<a href="${UPLOADS}/2020/01/report.pdf">The report</a> and <img src="${UPLOADS}/2020/01/chart.png" alt="Chart"> from <a href="https://old-blog.example.org/about/">us</a>`,
      { rewriteUrl: (url) => url.replace(UPLOADS, "/uploads/imported") },
    );
    expect(result.markdown).toBe("[The report](/uploads/imported/2020/01/report.pdf) and ![Chart](/uploads/imported/2020/01/chart.png) from [us](https://old-blog.example.org/about/)\n");
    expect(result.mediaUrls).toEqual([`${UPLOADS}/2020/01/report.pdf`, `${UPLOADS}/2020/01/chart.png`]);
  });

  it("keeps and reports what it cannot expand", () => {
    const result = wordpressContentToMarkdown('[gallery]\n\n[embed]javascript:alert(1)[/embed]\n\n[caption id="x"]No image here[/caption]');
    expect(result.problems).toEqual([
      "Shortcode [gallery] could not be converted and is kept as text.",
      "Shortcode [embed] could not be converted and is kept as text.",
      'Shortcode [caption id="x"] could not be converted and is kept as text.',
    ]);
    expect(executableParts(rendered(result.markdown))).toEqual([]);
    expect(elements(rendered(result.markdown), "a")).toHaveLength(0);
  });

  it("converts a known shortcode inside an unknown one", () => {
    const result = wordpressContentToMarkdown(`[box]Before [caption]<img src="${UPLOADS}/a.jpg" alt="A"> Cap[/caption] after[/box]`);
    expect(result.markdown).toBe(`\\[box]Before\n\n![A](${UPLOADS}/a.jpg "Cap")\n\nafter\\[/box]\n`);
    expect(result.problems).toEqual(["Unknown shortcode [box] is kept as text."]);
  });

  it("reports a footnotes block whose notes are missing", () => {
    const result = wordpressContentToMarkdown('<!-- wp:paragraph -->\n<p>Claim.<sup data-fn="a1" class="fn"><a href="#a1" id="a1-link">1</a></sup></p>\n<!-- /wp:paragraph -->\n<!-- wp:footnotes /-->', {
      footnotes: "not json",
    });
    expect(result.problems).toEqual(["The post has a footnotes block but no readable footnotes meta, so its notes are left out."]);
    expect(result.markdown).toBe("Claim.<sup>1</sup>\n");
  });

  it("never lets script, event handlers or script URLs through", () => {
    const result = wordpressContentToMarkdown(
      '<script>alert(1)</script>Text <a href="javascript:alert(1)" onclick="alert(1)">link</a>\n\n<!-- wp:html --><iframe src="javascript:alert(1)"></iframe><!-- /wp:html -->',
    );
    expect(result.markdown).not.toMatch(/javascript|onclick|<script/i);
    expect(executableParts(rendered(result.markdown))).toEqual([]);
  });
});
