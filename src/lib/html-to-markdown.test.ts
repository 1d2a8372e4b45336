import { readFileSync } from "node:fs";
import path from "node:path";
import type { Element, Parents } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { htmlToMarkdown, htmlToMdast, mdastToMarkdown } from "./html-to-markdown";
import { renderPostMarkdown } from "./markdown";

const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures/paste");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

const parseHtml = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html);
const rendered = (markdown: string) => renderPostMarkdown(markdown).html;

/** Elements matching a descendant selector of tag names with optional classes: "ul li ul li", "section.footnotes li". */
function select(html: string, selector: string): Element[] {
  const steps = selector.split(/\s+/).map((step) => {
    const [tagName, ...classes] = step.split(".");
    return { tagName, classes };
  });
  const matches = (node: Element, step: (typeof steps)[number]) =>
    node.tagName === step.tagName &&
    step.classes.every((name) => Array.isArray(node.properties.className) && node.properties.className.includes(name));
  const found: Element[] = [];
  const walk = (parent: Parents, ancestors: Element[]) => {
    for (const child of parent.children) {
      if (child.type !== "element") continue;
      if (matches(child, steps.at(-1)!)) {
        let step = steps.length - 2;
        for (let at = ancestors.length - 1; at >= 0 && step >= 0; at--) if (matches(ancestors[at], steps[step])) step--;
        if (step < 0) found.push(child);
      }
      walk(child, [...ancestors, child]);
    }
  };
  walk(parseHtml(html), []);
  return found;
}

const texts = (html: string, selector: string) =>
  select(html, selector).map((node) => hastToString(node).replace(/\s+#$/, "").replace(/\s+/g, " ").trim());

/** The rendered post without its notes section, so "ol li" counts the text's lists only. */
const withoutNotes = (html: string) => html.split("<section data-footnotes")[0];

/** What a browser could run in rendered HTML: script-bearing elements, event handlers, script URLs. */
function executableParts(html: string): string[] {
  const found: string[] = [];
  visit(parseHtml(html), "element", (node) => {
    if (/^(script|iframe|object|embed|style|base|form|svg|math)$/.test(node.tagName)) found.push(`<${node.tagName}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`${name} handler`);
      if (typeof value === "string" && /^(href|src|action|formAction|poster|srcSet)$/.test(name)) {
        if (/^(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u0020]/g, ""))) found.push(`${name}=${value}`);
      }
    }
  });
  return found;
}

type Structure = {
  headings: { h2?: string[]; h3?: string[]; h4?: string[] };
  /** Selector → how many elements the rendered post (notes excepted) has. */
  counts: Record<string, number>;
  notes: string[];
  present: string[];
  absent: string[];
};

const STRUCTURE: Record<string, Structure> = {
  word: {
    headings: { h2: ["Writing a report the court can use", "Before the interview"], h3: ["A working timetable"] },
    counts: { "ul li": 5, "ul li ul li": 2, "ol li": 3, blockquote: 1, "table th": 2, "table td": 4, img: 0, "sup a": 2 },
    notes: [
      "Some courts ask for an oral report on the day instead; the same rules apply. ↩",
      "In my experience, at least. Colleagues in other areas say the same. ↩",
    ],
    present: ["Most of us cut it by a third.", "What survives is what the court asked about."],
    absent: ["cut it by half", "[HG1]", "Could we give an example", "Reviewing Editor", "[1]", "mso-", "clip_image"],
  },
  "google-docs": {
    headings: { h2: ["The first appointment"], h3: ["Three questions"] },
    counts: { "ol li": 3, "ul li": 5, "ul li ul li": 2, "table th": 2, "table td": 4, "strong em": 1, del: 1, code: 1, img: 1, br: 1, "sup a": 1 },
    notes: ["Twenty minutes is a guide, not a target. Some people need the whole hour. ↩"],
    present: ["Advance payment | benefits adviser"],
    absent: ["docs-internal-guid", "font-weight", "[1]"],
  },
  libreoffice: {
    headings: { h2: ["Sitting in as an appropriate adult"], h3: ["What I check, every time"] },
    counts: { "ul li": 5, "ul li ul li": 2, blockquote: 1, "table th": 2, "table td": 4, del: 1, code: 1, img: 1, "sup a": 2 },
    notes: [
      "Schemes are usually run by the local youth offending service or a charity. ↩",
      "The code is made up for this post. ↩",
    ],
    present: ["solicitor on the phone"],
    absent: ["Liberation Serif", "sdfootnote"],
  },
  "web-page": {
    headings: { h2: ["The long wait for a trial date"], h3: ["What changed"], h4: ["The numbers"] },
    counts: { "ol li": 3, blockquote: 2, "pre code": 1, "table th": 2, "table td": 4, img: 1, "sup a": 1 },
    notes: ["Estimates of the wait vary by region; the longest are in London and the south-east. ↩"],
    present: ["#CourtBacklog", "January 14, 2025", "Figures rounded, for illustration."],
    absent: ["Copy link", "Sign up", "Get our courts newsletter", "References", "analytics", "tracker.example.net", "^"],
  },
};

describe.each(Object.keys(STRUCTURE))("pasted from %s", (source) => {
  const html = fixture(`${source}.html`);
  const expected = STRUCTURE[source];

  it("gives exactly the expected markdown", () => {
    expect(htmlToMarkdown(html)).toBe(fixture(`${source}.md`));
  });

  it("renders to the document's structure", () => {
    const output = rendered(htmlToMarkdown(html));
    const text = withoutNotes(output);
    for (const [level, headings] of Object.entries(expected.headings)) expect(texts(text, level), level).toEqual(headings);
    for (const [selector, count] of Object.entries(expected.counts)) expect(select(text, selector), selector).toHaveLength(count);
    expect(texts(output, "section.footnotes li")).toEqual(expected.notes);
    const readable = hastToString(parseHtml(output));
    for (const phrase of expected.present) expect(readable).toContain(phrase);
    for (const phrase of expected.absent) expect(output).not.toContain(phrase);
    expect(executableParts(output)).toEqual([]);
  });

  it("is stable: rendered and converted again, it gives the same markdown", () => {
    const markdown = htmlToMarkdown(html);
    expect(htmlToMarkdown(rendered(markdown))).toBe(markdown);
  });
});

describe("what Docket renders converts back", () => {
  it("keeps a rendered footnote's label", () => {
    const markdown = "A claim.[^source] Another.[^2]\n\n[^source]: Where it came from.\n\n[^2]: A second note.\n";
    expect(htmlToMarkdown(rendered(markdown))).toBe(markdown);
  });
});

describe("clean-up", () => {
  it("treats Google Docs' normal-weight <b> wrapper as no emphasis, and its weight-700 spans as strong", () => {
    const html =
      '<b style="font-weight:normal;" id="docs-internal-guid-0a1b"><p><span style="font-weight:400">plain </span><span style="font-weight:700">bold</span></p></b>';
    expect(htmlToMarkdown(html)).toBe("plain **bold**\n");
  });

  it("keeps Word's <b> even when it says mso-bidi-font-weight:normal", () => {
    expect(htmlToMarkdown("<p class=MsoNormal><b style='mso-bidi-font-weight:normal'>Note</b> well</p>")).toBe("**Note** well\n");
  });

  it("drops deleted text from Word's tracked changes, but keeps strikethrough from a web page", () => {
    const word = '<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><p class=MsoNormal>a <del cite="mailto:x" datetime="2024-01-01T10:00">b</del><ins cite="mailto:x">c</ins></p></body></html>';
    expect(htmlToMarkdown(word)).toBe("a c\n");
    expect(htmlToMarkdown("<p>was <del>£40</del> now £30</p>")).toBe("was ~~£40~~ now £30\n");
  });

  it("numbers Word list paragraphs from their first marker and nests them by level", () => {
    const item = (level: number, marker: string, text: string) =>
      `<p class=MsoListParagraph style='mso-list:l0 level${level} lfo1'><span style='mso-list:Ignore'>${marker}<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span>${text}</p>`;
    const html = item(1, "3.", "third") + item(2, "a)", "detail") + item(2, "b)", "more") + item(1, "4.", "fourth");
    expect(htmlToMarkdown(html)).toBe("3. third\n   1. detail\n   2. more\n4. fourth\n");
  });

  it("turns Word's Quote paragraphs into one blockquote", () => {
    expect(htmlToMarkdown("<p class=MsoQuote>One.</p><p class=MsoQuote>Two.</p><p class=MsoNormal>After.</p>")).toBe(
      "> One.\n>\n> Two.\n\nAfter.\n",
    );
  });

  it("drops empty paragraphs, stray line breaks between blocks and zero-width spaces", () => {
    expect(htmlToMarkdown("<p>&nbsp;</p><p>One\u200b</p><br><p><o:p>&nbsp;</o:p></p><p>Two</p><p><br></p>")).toBe("One\n\nTwo\n");
  });

  it("moves headings down a level only when the document uses h1", () => {
    expect(htmlToMarkdown("<h1>Top</h1><h2>Sub</h2><h6>Deep</h6>")).toBe("## Top\n\n### Sub\n\n###### Deep\n");
    expect(htmlToMarkdown("<h2>Sub</h2><h3>Under</h3>")).toBe("## Sub\n\n### Under\n");
  });

  it("does not repeat bold inside headings and header cells", () => {
    expect(htmlToMarkdown("<h2><b>Title</b></h2><table><tr><td><b>A</b></td></tr><tr><td><b>1</b></td></tr></table>")).toBe(
      "## Title\n\n| A |\n| - |\n| **1** |\n",
    );
  });

  it("merges formatting runs and keeps spaces outside the markers", () => {
    expect(htmlToMarkdown("<p><b>one </b><b>two</b> <i> three </i><b></b>four</p>")).toBe("**one two** *three* four\n");
  });

  it("keeps only http(s), mailto and relative link targets", () => {
    const html =
      '<p><a href="https://a.example/x">a</a> <a href="/local">b</a> <a href="mailto:x@example.org">c</a> <a href="ftp://f.example/">d</a> <a href="#top">e</a> <a>f</a></p>';
    expect(htmlToMarkdown(html)).toBe("[a](https://a.example/x) [b](/local) [c](mailto:x@example.org) d e f\n");
  });

  it("follows Google's redirect links and drops Twitter's tracking parameters", () => {
    const html =
      '<p><a href="https://www.google.com/url?q=https://www.example.org/report&amp;sa=D&amp;ust=1">report</a> <a href="https://twitter.com/someone/status/1?ref_src=twsrc%5Etfw">post</a></p>';
    expect(htmlToMarkdown(html)).toBe("[report](https://www.example.org/report) [post](https://twitter.com/someone/status/1)\n");
  });

  it("gives a figure's caption to its image as the title", () => {
    expect(htmlToMarkdown('<figure><img src="/a.jpg" alt="A cell door"><figcaption>  Wing <em>B</em> </figcaption></figure>')).toBe(
      '![A cell door](/a.jpg "Wing B")\n',
    );
  });

  it("keeps underlined text as plain text, inventing no emphasis", () => {
    expect(htmlToMarkdown("<p>Read <u>the order</u> first, <span style=\"text-decoration:underline\">twice</span>.</p>")).toBe("Read the order first, twice.\n");
  });

  it("keeps a table whose cells hold paragraphs and lists, one line each, joined by line breaks", () => {
    const html =
      "<table><tr><td><p>Area</p></td><td><p>Offices</p></td></tr><tr><td><p>North</p><p>(two offices)</p></td>" +
      "<td><ul><li>Leeds</li><li>York<ol start=\"3\"><li>central</li></ol></li></ul></td></tr></table>";
    const markdown = htmlToMarkdown(html);
    expect(markdown).toBe("| Area | Offices |\n| - | - |\n| North<br>(two offices) | • Leeds<br>• York<br>3. central |\n");
    const output = rendered(markdown);
    expect(select(output, "table tbody tr")).toHaveLength(1);
    expect(select(output, "td br")).toHaveLength(3);
    expect(select(output, "td").map((cell) => hastToString(cell))).toEqual(["North\n(two offices)", "• Leeds\n• York\n3. central"]);
    expect(htmlToMarkdown(output)).toBe(markdown);
  });

  it("drops an image from the writer's computer in an import, and makes it a placeholder asking for its file in a paste", () => {
    const html = '<p>Before.</p><p><img src="file:///C:/Users/reporter/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg" alt="An interview room"></p><p><img src="data:image/png;base64,iVBORw0KGgo=" alt=""></p>';
    expect(htmlToMarkdown(html)).toBe("Before.\n");
    expect(mdastToMarkdown(htmlToMdast(html, { forPaste: true }))).toBe("Before.\n\n![An interview room](missing-image:clip_image002.jpg)\n\n![](missing-image:pasted-image)\n");
  });

  it("turns embedded players into links to their pages", () => {
    expect(htmlToMarkdown('<iframe src="https://www.youtube.com/embed/abc123"></iframe><iframe src="https://player.vimeo.com/video/42"></iframe>')).toBe(
      "<https://www.youtube.com/watch?v=abc123>\n\n<https://vimeo.com/42>\n",
    );
  });

  it("does not take a table of contents' in-page links for footnotes", () => {
    const html = '<p><a href="#part-two">Part two</a></p><h2 id="part-two">Part two</h2><p>Text.</p>';
    expect(htmlToMarkdown(html)).toBe("Part two\n\n## Part two\n\nText.\n");
  });

  it("turns WordPress's footnotes block into footnotes", () => {
    const html =
      '<p>Claim.<sup data-fn="f1" class="fn"><a href="#f1" id="f1-link">1</a></sup></p><ol class="wp-block-footnotes"><li id="f1">Source. <a href="#f1-link" aria-label="Jump to footnote reference 1">↩︎</a></li></ol>';
    expect(htmlToMarkdown(html)).toBe("Claim.[^1]\n\n[^1]: Source.\n");
  });

  it("gives one note referred to twice one definition", () => {
    const html =
      '<p>A<sup><a href="#n1" id="r1">1</a></sup> and B<sup><a href="#n1" id="r1b">1</a></sup></p><ol><li id="n1">Note <a href="#r1">↩</a> <a href="#r1b">↩</a></li></ol>';
    expect(htmlToMarkdown(html)).toBe("A[^1] and B[^1]\n\n[^1]: Note\n");
  });

  it("ignores footnote marks forged in the input", () => {
    const html = '<p>a<sup data-docket-footnote-reference="x">b</sup></p><div data-docket-footnote-definition="x">c</div>';
    expect(htmlToMarkdown(html)).toBe("a<sup>b</sup>\n\nc\n");
  });

  it("leaves @handles and #tags as text, as the renderer links them", () => {
    const html = '<p><a href="https://x.com/PriyaOnTheBench">@PriyaOnTheBench</a> <a href="https://twitter.com/hashtag/OpenJustice?src=hash">#OpenJustice</a> <a href="https://x.com/other">@someone</a></p>';
    expect(htmlToMarkdown(html)).toBe("@PriyaOnTheBench #OpenJustice [@someone](https://x.com/other)\n");
  });

  it("links bare addresses instead of escaping them", () => {
    expect(htmlToMarkdown("<p>See https://www.example.org/a or write to desk@example.org.</p>")).toBe(
      "See <https://www.example.org/a> or write to <desk@example.org>.\n",
    );
  });

  it("keeps markdown-looking text as text", () => {
    const markdown = htmlToMarkdown("<p>1. Not a list, *not emphasis*, # not a heading, [not](a link)</p><p># Nor this</p>");
    const output = rendered(markdown);
    expect(select(output, "ol")).toHaveLength(0);
    expect(select(output, "em")).toHaveLength(0);
    expect(select(output, "a")).toHaveLength(0);
    expect(select(output, "h2")).toHaveLength(0);
    expect(hastToString(parseHtml(output))).toBe("1. Not a list, *not emphasis*, # not a heading, [not](a link)\n# Nor this");
  });
});

describe("what must never survive", () => {
  const HOSTILE = [
    '<script>alert(1)</script><p>text</p>',
    '<p><a href="javascript:alert(1)">a</a></p>',
    '<p><a href=" JaVaScRiPt:alert(1)">a</a></p>',
    '<p><a href="java&#x09;script:alert(1)">a</a></p>',
    '<p><a href="&#106;avascript&colon;alert(1)">a</a></p>',
    '<p><a href="vbscript:msgbox(1)">a</a></p>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a></p>',
    '<p><img src="javascript:alert(1)" alt="x"><img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="y"></p>',
    '<p onclick="alert(1)"><img src="/i.png" onerror="alert(1)" alt="z"></p>',
    '<iframe src="javascript:alert(1)"></iframe><video src="javascript:alert(1)"></video>',
    '<svg><a xlink:href="javascript:alert(1)"><text>svg</text></a><script>alert(1)</script></svg>',
    '<math><mtext><a href="javascript:alert(1)">m</a></mtext></math>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<base href="javascript:alert(1)//"><p><a href="page">relative</a></p>',
    '<style>p{background:url(javascript:alert(1))}</style><p style="background:url(javascript:alert(1))">s</p>',
    '<p><a href="https://ok.example/" onmouseover="alert(1)">ok</a></p>',
    "<noscript><p><img src=x onerror=alert(1)></p></noscript><template><script>alert(1)</script></template>",
  ];

  it.each(HOSTILE)("%s", (html) => {
    const markdown = htmlToMarkdown(html);
    expect(markdown).not.toMatch(/javascript|vbscript|data:|alert|onerror|onclick|onmouseover|<script|<style|<iframe/i);
    expect(executableParts(rendered(markdown))).toEqual([]);
  });

  it("keeps the text of absurdly deep nesting instead of overflowing the stack", () => {
    expect(htmlToMarkdown(`${"<div>".repeat(6000)}deep text`)).toBe("deep text\n");
    expect(htmlToMarkdown(`${"<ul><li>a".repeat(1000)}x`)).toMatch(/x\n$/);
    const quoted = htmlToMarkdown(`<script>alert(1)</script>${"<blockquote>".repeat(300)}quoted`);
    expect(quoted).toMatch(/^(> )+quoted\n$/);
    expect(executableParts(rendered(quoted))).toEqual([]);
  });

  it("escapes a link written as text, so it renders as text", () => {
    const markdown = htmlToMarkdown("<p>[click](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    const output = rendered(markdown);
    expect(select(output, "a")).toHaveLength(0);
    expect(executableParts(output)).toEqual([]);
    expect(hastToString(parseHtml(output))).toBe("[click](javascript:alert(1)) <script>alert(1)</script>");
  });
});
