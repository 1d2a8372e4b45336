import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { excerptOf, imagesNotReady, readingMinutesFor, renderCommentMarkdown, renderPlainText, renderPostMarkdown } from "./markdown";
import { MAX_LINES_PER_PARAGRAPH, MAX_PER_PARAGRAPH, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS } from "./markdown-limits";

const html = (markdown: string) => renderPostMarkdown(markdown).html;

const SAFE_ELEMENTS = new Set([
  "a", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "input", "li", "ol",
  "p", "pre", "section", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
]);
const URL_ATTRIBUTES = new Set(["href", "src", "xlink:href", "action", "formaction", "srcset", "poster", "background"]);

/**
 * What a browser could execute in this HTML, found the way a browser finds it: parsed by parse5 (the
 * HTML spec's parser, entities decoded), then every element and attribute checked against an allow-list.
 */
function executableParts(output: string): string[] {
  const found: string[] = [];
  const visitNode = (node: DefaultTreeAdapterMap["childNode"] | DefaultTreeAdapterMap["documentFragment"]) => {
    if ("tagName" in node) {
      if (!SAFE_ELEMENTS.has(node.tagName) || node.namespaceURI !== "http://www.w3.org/1999/xhtml")
        found.push(`element <${node.tagName}>`);
      for (const { name, value } of node.attrs) {
        if (/^on/i.test(name)) found.push(`handler ${name}`);
        if (name === "style") found.push("style attribute");
        // Browsers ignore leading controls/whitespace and embedded tabs/newlines in a URL's scheme.
        const scheme = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data):/.test(scheme)) found.push(`${name}=${value}`);
      }
    }
    if ("childNodes" in node) node.childNodes.forEach(visitNode);
  };
  visitNode(parseFragment(output));
  return found;
}

describe("renderPostMarkdown: features", () => {
  it("renders GFM tables with alignment", () => {
    const out = html("| Report | Days |\n|:--|--:|\n| Oral | 0 |\n");
    expect(out).toContain("<table>");
    expect(out).toContain('<th align="left">Report</th>');
    expect(out).toContain('<td align="right">0</td>');
  });

  it("renders footnotes whose links point at ids that exist after sanitizing", () => {
    const out = html("A claim.[^src]\n\n[^src]: The source.\n");
    const refHref = /<a href="#([^"]+)"[^>]*data-footnote-ref/.exec(out)?.[1];
    const backHref = /<a href="#([^"]+)"[^>]*data-footnote-backref/.exec(out)?.[1];
    expect(refHref).toBeTruthy();
    expect(out).toContain(`id="${refHref}"`);
    expect(out).toContain(`id="${backHref}"`);
    expect(out).toContain('<section data-footnotes class="footnotes">');
    expect(out).toContain(">Notes</h2>");
  });

  it("gives headings ids and a self-link, and turns a body h1 into an h2", () => {
    const out = html("# What changed\n\n### The detail\n");
    expect(out).toMatch(/<h2 id="user-content-what-changed">What changed <a href="#user-content-what-changed" class="heading-anchor"/);
    expect(out).toMatch(/<h3 id="user-content-the-detail">/);
    expect(out).not.toContain("<h1");
  });

  it("keeps image alt text and loads images lazily", () => {
    const out = html('![A probation office waiting room](https://example.org/room.jpg "Waiting")');
    expect(out).toContain('alt="A probation office waiting room"');
    expect(out).toContain('loading="lazy"');
    expect(out).toContain('decoding="async"');
    expect(out).toContain('src="https://example.org/room.jpg"');
  });

  it("links @handles to X profiles and #hashtags to X hashtag search", () => {
    const out = html("Thanks to @Grace_Ilori for #RecoveryWorks.");
    expect(out).toContain('<a href="https://x.com/Grace_Ilori" rel="noopener noreferrer">@Grace_Ilori</a>');
    expect(out).toContain('<a href="https://x.com/hashtag/RecoveryWorks" rel="noopener noreferrer">#RecoveryWorks</a>');
  });

  it.each([
    ["inline code", "Type `@someone #tag` to mention"],
    ["a code block", "```\n@someone #tag\n```"],
    ["an existing link", "[ask @someone about #tag](https://example.org)"],
    ["a reference link", "[ask @someone][ref]\n\n[ref]: https://example.org"],
  ])("does not link handles or hashtags inside %s", (_, markdown) => {
    const out = html(markdown);
    expect(out).not.toContain("x.com");
  });

  it.each([
    ["an e-mail address", "Write to editor@example.com today"],
    ["a URL fragment", "See example.org/page#section for more"],
    ["a bare fragment after a slash", "Go to /guide/#contents now"],
    ["a number", "We came #1 in the table"],
    ["a handle longer than 15 characters", "Ask @abcdefghijklmnopq today"],
  ])("does not link %s", (_, markdown) => {
    expect(html(markdown)).not.toContain("x.com");
  });

  it("renders a captioned image, linked or not, as a figure with its caption", () => {
    const { html } = renderPostMarkdown('![A cell door](/uploads/door.webp "Wing B, 6 a.m.")\n\n[![A yard](/uploads/yard.webp "The yard")](https://example.org/yard)\n\n![No caption](/uploads/plain.webp)\n\nText ![inline](/uploads/i.webp "not a figure") too.');
    expect(html).toContain('<figure><img src="/uploads/door.webp" alt="A cell door" loading="lazy" decoding="async"><figcaption>Wing B, 6 a.m.</figcaption></figure>');
    expect(html).toContain('<figure><a href="https://example.org/yard" rel="noopener noreferrer"><img src="/uploads/yard.webp" alt="A yard" loading="lazy" decoding="async"></a><figcaption>The yard</figcaption></figure>');
    expect(html).toContain('<p><img src="/uploads/plain.webp" alt="No caption" loading="lazy" decoding="async"></p>');
    expect(html).toContain('title="not a figure"');
    expect(html.match(/<figure>/g)).toHaveLength(2);
  });

  it("breaks a line in a table cell at <br>, and still drops raw HTML everywhere else", () => {
    const { html } = renderPostMarkdown("| Area |\n| - |\n| North<br>(two offices)<br/>Leeds |\n\nA <br> in a paragraph <b>is</b> dropped.");
    expect(html).toContain("<td>North<br>\n(two offices)<br>\nLeeds</td>");
    expect(html).toContain("<p>A  in a paragraph is dropped.</p>");
  });

  it("adds rel to external links only", () => {
    const out = html("[external](https://example.org/a) and [internal](/series/caseload)");
    expect(out).toContain('<a href="https://example.org/a" rel="noopener noreferrer">external</a>');
    expect(out).toContain('<a href="/series/caseload">internal</a>');
  });

  it("drops raw HTML tags, keeping the words between them", () => {
    expect(html("Some <b>bold</b> words")).toBe("<p>Some bold words</p>");
  });
});

describe("renderPostMarkdown: excerpt and reading time", () => {
  it("builds a plain-text excerpt of at most 200 characters ending with the last whole sentence that fits", () => {
    const sentence = "The officer read the report twice before the hearing began in the afternoon. ";
    const { excerpt } = renderPostMarkdown(`## A heading that is not prose\n\n**${sentence.trim()}** ${sentence.repeat(5)}`);
    // 77 characters a sentence: two fit in 200, and the excerpt stops after the second, not mid-sentence.
    expect(excerpt).toBe(sentence.repeat(2).trim());
  });

  it("cuts at a word boundary with an ellipsis when no sentence ends past half the length", () => {
    const words = "the officer read the report twice before the hearing began ".repeat(6);
    const excerpt = excerptOf(`Short. ${words}`);
    expect(excerpt.length).toBeLessThanOrEqual(201);
    expect(excerpt.length).toBeGreaterThan(150);
    expect(excerpt.endsWith("…")).toBe(true);
    const beforeEllipsis = excerpt.slice(0, -1);
    expect(`Short. ${words}`.startsWith(beforeEllipsis)).toBe(true);
    expect(`Short. ${words}`.charAt(beforeEllipsis.length)).toBe(" ");
  });

  it("keeps a short body whole, without an ellipsis", () => {
    expect(renderPostMarkdown("Short and *sweet*.").excerpt).toBe("Short and sweet.");
  });

  it("counts reading time at 230 words a minute, rounded up, at least one", () => {
    expect(renderPostMarkdown("word ".repeat(230)).readingMinutes).toBe(1);
    expect(renderPostMarkdown("word ".repeat(231)).readingMinutes).toBe(2);
    expect(renderPostMarkdown("").readingMinutes).toBe(1);
    expect(readingMinutesFor("one two three")).toBe(1);
  });

  it("cuts a very long single word rather than returning nothing", () => {
    expect(excerptOf("x".repeat(500), 20)).toBe(`${"x".repeat(20)}…`);
  });
});

describe("renderPostMarkdown: hostile input renders inert", () => {
  const hostile: [string, string][] = [
    ["script block", "<script>alert(1)</script>"],
    ["inline script", "Hello <script>alert(document.cookie)</script> there"],
    ["script split over lines", "<script>\nfetch('/steal')\n</script>"],
    ["img onerror", '<img src=x onerror="alert(1)">'],
    ["event handler on div", '<div onmouseover="alert(1)">hover</div>'],
    ["javascript: link", "[click](javascript:alert(1))"],
    ["uppercase javascript: link", "[click](JAVASCRIPT:alert(1))"],
    ["entity-encoded javascript: link", "[click](&#106;avascript:alert(1))"],
    ["hex entity with tab", "[click](java&#x09;script:alert(1))"],
    ["percent-encoded scheme", "[click](%6Aavascript:alert(1))"],
    ["angle-bracket destination with space", "[click](< javascript:alert(1)>)"],
    ["newline entity in scheme", "[click](java&#10;script:alert(1))"],
    ["autolink javascript:", "<javascript:alert(1)>"],
    ["reference definition javascript:", "[click][x]\n\n[x]: javascript:alert(1)"],
    ["vbscript: link", "[click](vbscript:msgbox(1))"],
    ["data: link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["data: image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
    ["javascript: image", "![x](javascript:alert(1))"],
    ["svg with script", "<svg><script>alert(1)</script></svg>"],
    ["svg onload", "<svg onload=alert(1)>"],
    ["svg xlink:href", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
    ["math tricks", '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ["style element", "<style>body{background:url(javascript:alert(1))}</style>"],
    ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
    ["form with formaction", '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>'],
    ["object/embed", '<object data="evil.swf"></object><embed src="evil.swf">'],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
    ["base href", '<base href="javascript:alert(1)//">'],
    ["html comment trick", "<!-- --><script>alert(1)</script> -->"],
    ["link title breaking out", '[x](https://example.org "a\\" onmouseover=\\"alert(1)")'],
    ["image alt breaking out", '![" onerror="alert(1)](https://example.org/i.png)'],
    ["heading id clobbering", "# __proto__\n\n# location"],
  ];

  it("the detector itself catches what it must", () => {
    expect(executableParts('<a href=" java&#x09;script:x">a</a><img src=x onerror=y><svg></svg>')).toHaveLength(3);
  });

  it.each(hostile)("%s", (_, markdown) => {
    const { html: out, excerpt } = renderPostMarkdown(markdown);
    expect(executableParts(out)).toEqual([]);
    expect(excerpt).not.toMatch(/<script/i);
  });

  it.each(["[x](#%E0%A4%A)", "[x](#%ZZ)", "[x](<#%>)", "[^%ZZ]\n\n[^%ZZ]: note"])(
    "does not throw on a malformed fragment: %s",
    (markdown) => {
      expect(() => renderPostMarkdown(markdown)).not.toThrow();
    },
  );

  it("points in-page links at the prefixed ids, case-sensitively", () => {
    const out = html("# Hi\n\n[x](#hi) [y](#Hi) [z](#user-content-hi) [w](#nowhere)");
    expect(out).toContain('<a href="#user-content-hi">x</a>');
    expect(out).toContain('<a href="#Hi">y</a>');
    expect(out).toContain('<a href="#user-content-hi">z</a>');
    expect(out).toContain('<a href="#nowhere">w</a>');
  });

  // How long these take is tests/integration/linear-work.test.ts's concern (work counted, not timed).
  it.each([
    ["quotes", "> ".repeat(5000)],
    ["bullets", "- ".repeat(5000)],
    ["numbered items", "1. ".repeat(3000)],
    ["quotes in bullets", "- > ".repeat(2500)],
  ])("caps thousands of nested %s at 16 levels, inertly", (_, prefix) => {
    const markdown = `${prefix}<img src=x onerror=alert(1)> [x](javascript:alert(1))`;
    const post = renderPostMarkdown(markdown);
    const comment = renderCommentMarkdown(markdown);
    for (const out of [post.html, comment]) {
      expect(executableParts(out)).toEqual([]);
      expect(out.match(/<(ul|ol|blockquote)>/g)?.length ?? 0).toBeLessThanOrEqual(16);
    }
    expect(() => renderPlainText(markdown)).not.toThrow();
  });

  it.each([
    ["emphasis", "a**b ".repeat(6000)],
    ["links", "[a](".repeat(7500)],
    ["strikethrough", "~~a ".repeat(7500)],
    ["escapes", "\\* ".repeat(7500)],
    ["code", "`a` ".repeat(7500)],
    ["entities", "&amp; ".repeat(7500)],
  ])("shows a paragraph of thousands of %s as the characters typed", (_, markdown) => {
    const { html: out, excerpt } = renderPostMarkdown(markdown);
    expect(out).not.toMatch(/<(em|strong|del|a|code)\b/);
    // Every character is there, as typed: the paragraph's text is the markdown itself.
    const text = parseFragment(out).childNodes[0] as DefaultTreeAdapterMap["element"];
    expect(text.childNodes.map((node) => ("value" in node ? node.value : "")).join("")).toBe(markdown.trim());
    expect(excerpt.startsWith(markdown.slice(0, 100).trim())).toBe(true);
    expect(renderPlainText(markdown)).toBe(markdown.trim());
  });

  it("keeps a paragraph's syntax up to the limit, and other paragraphs' beyond it", () => {
    const links = (count: number) => Array.from({ length: count }, (_, index) => `[link ${index}](/posts/p${index})`).join(" ");
    expect(html(links(MAX_PER_PARAGRAPH / 2)).match(/<a /g)).toHaveLength(MAX_PER_PARAGRAPH / 2);
    expect(html(links(MAX_PER_PARAGRAPH / 2 + 1))).not.toContain("<a ");
    // The same links split over paragraphs are links.
    const paragraphs = Array.from({ length: 4 }, () => links(MAX_PER_PARAGRAPH / 4)).join("\n\n");
    expect(html(paragraphs).match(/<a /g)).toHaveLength(MAX_PER_PARAGRAPH);
    // So are they in a list, one an item, and in a table, one a row.
    const items = Array.from({ length: MAX_PER_PARAGRAPH }, (_, index) => `- [link ${index}](/posts/p${index})`).join("\n");
    expect(html(items).match(/<a /g)).toHaveLength(MAX_PER_PARAGRAPH);
    const rows = `| Link |\n|-|\n${Array.from({ length: MAX_PER_PARAGRAPH }, (_, index) => `| [link ${index}](/posts/p${index}) |`).join("\n")}`;
    expect(html(rows).match(/<a /g)).toHaveLength(MAX_PER_PARAGRAPH);
  });

  it("shows a table too wide, or rows past its cell limit, as text", () => {
    const wide = `|${"a|".repeat(MAX_TABLE_COLUMNS + 1)}\n|${"-|".repeat(MAX_TABLE_COLUMNS + 1)}\n|b|`;
    expect(html(wide)).not.toContain("<table>");
    expect(html(wide)).toContain(`|${"-|".repeat(MAX_TABLE_COLUMNS + 1)}`);
    const rows = MAX_TABLE_CELLS / 2;
    const long = html(`|a|b|\n|-|-|\n${"|x|y|\n".repeat(rows + 10)}`);
    expect(long.match(/<tr>/g)).toHaveLength(rows);
    expect(long).toContain("|x|y|");
  });

  it("breaks a paragraph of too many lines into paragraphs, keeping every line", () => {
    const lines = Array.from({ length: MAX_LINES_PER_PARAGRAPH * 2 + 1 }, (_, index) => `line ${index}`);
    const out = html(lines.join("\n"));
    expect(out.match(/<p>/g)).toHaveLength(3);
    for (const line of lines) expect(out).toContain(line);
  });

  it("never lets a character it set aside make a link run script", () => {
    // Past the limit, the ":" before "//" is set aside while the sanitizer checks the address: it must
    // not come back as a scheme's colon ("javascript://%0a…" runs), nor may a stand-in typed in.
    const colons = "https://example.org ".repeat(MAX_PER_PARAGRAPH);
    for (const markdown of [`${colons}[x](javascript://%0aalert(1))`, `[y](javascript\u{F003A}alert(1)) ${colons}`, "[z](javascript\u{F003A}alert(1))"]) {
      for (const out of [html(markdown), renderCommentMarkdown(markdown)]) {
        expect(executableParts(out)).toEqual([]);
        expect(out).not.toMatch(/href="javascript:/i);
      }
    }
  });

  it("keeps stand-ins out of link addresses", () => {
    const out = html(`${"a_b ".repeat(MAX_PER_PARAGRAPH)}[x](https://example.org/a_b&c=1 "t_t")`);
    expect(out).toContain('href="https://example.org/a_b&#x26;c=1"');
    expect(out).toContain('title="t_t"');
    expect(out).not.toMatch(/[\u{F0000}-\u{F007F}]|%F3%B0/u);
  });

  it("leaves a thematic break made of many dashes alone", () => {
    expect(html(`text\n\n${"- ".repeat(30)}\n\nmore`)).toContain("<hr>");
  });

  it("never emits an id that could clobber a global", () => {
    const out = html("# location\n\n## cookie");
    const ids = [...out.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.startsWith("user-content-")).toBe(true);
  });

  it("keeps the text of a harmful link but removes its target", () => {
    expect(html("[click](javascript:alert(1))")).toBe("<p><a>click</a></p>");
  });
});

describe("fuzz: random mixtures of markdown and hostile fragments", () => {
  const pieces = [
    "# ", "## ", "> ", "- ", "1. ", "\n", "\n\n", "```\n", "`", "*", "**", "_", "[", "]", "(", ")", "<", ">", "!",
    "[^1]", "[^1]: ", "|", "| --- |", "@someone", "#tag", "&#106;", "&#x3A;", "&colon;", "%0A", "\t", "javascript:",
    "JaVaScRiPt:", "vbscript:", "data:text/html,", "alert(1)", "<script>", "</script>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "<a href=javascript:alert(1)>", "<iframe>", "<style>", '" onmouseover="x', "' onfocus='x",
    "https://example.org/a#b", "mailto:a@example.com", "word ", "another word ",
  ];
  let seed = 20261121;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const documents = Array.from({ length: 400 }, () =>
    Array.from({ length: 5 + Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join(""),
  );

  it("never throws and never emits anything executable", () => {
    for (const markdown of documents) {
      const post = renderPostMarkdown(markdown);
      expect(executableParts(post.html), markdown).toEqual([]);
      expect(executableParts(renderCommentMarkdown(markdown)), markdown).toEqual([]);
      expect(() => renderPlainText(markdown)).not.toThrow();
    }
  });
});

describe("renderCommentMarkdown", () => {
  it("renders paragraphs, emphasis, blockquotes and line breaks", () => {
    const out = renderCommentMarkdown("> You said *this*.\n\nI **agree**,\nmostly.");
    expect(out).toContain("<blockquote>\n<p>You said <em>this</em>.</p>\n</blockquote>");
    expect(out).toContain("<p>I <strong>agree</strong>,<br>\nmostly.</p>");
  });

  it("links with nofollow ugc noopener, including bare URLs", () => {
    const out = renderCommentMarkdown("[my blog](https://example.com/blog) and https://example.org/x");
    expect(out).toContain('<a href="https://example.com/blog" rel="nofollow ugc noopener">my blog</a>');
    expect(out).toContain('<a href="https://example.org/x" rel="nofollow ugc noopener">https://example.org/x</a>');
  });

  it("shows headings, lists, code and images as text", () => {
    const out = renderCommentMarkdown("# Big\n\n- item\n\n`code`\n\n![pic](https://example.org/p.png)\n\n---");
    expect(out).not.toMatch(/<(h\d|ul|li|code|img|hr|pre)\b/);
    expect(out).toContain("# Big");
    expect(out).toContain("- item");
    expect(out).toContain("`code`");
  });

  it("shows raw HTML as the literal text typed", () => {
    const out = renderCommentMarkdown("I <3 this <b>so</b> much <script>alert(1)</script>");
    expect(out).not.toMatch(/<(b|script)\b/);
    expect(out).toContain("&#x3C;b>so&#x3C;/b>");
  });

  it.each([
    ["javascript: link", "[x](javascript:alert(1))"],
    ["data: link", "[x](data:text/html,<script>alert(1)</script>)"],
    ["image onerror", "<img src=x onerror=alert(1)>"],
    ["svg", "<svg onload=alert(1)>"],
    ["iframe", "<iframe src=https://evil.example>"],
  ])("renders %s inert", (_, markdown) => {
    expect(executableParts(renderCommentMarkdown(markdown))).toEqual([]);
  });
});

describe("imagesNotReady", () => {
  it("names the placeholders still waiting for their file and counts images without a description", () => {
    expect(imagesNotReady("![A door](/uploads/door.webp \"Caption\")\n\nNo images here.")).toBeNull();
    expect(imagesNotReady("![A room](missing-image:clip_image002.jpg)")).toBe("upload the image “clip_image002.jpg” (or remove it)");
    expect(imagesNotReady("![](missing-image:a.png) ![](missing-image:b.png)")).toBe("upload the 2 images Docket could not copy (“a.png”, “b.png”) or remove them");
    expect(imagesNotReady("![](/uploads/x.webp)\n\n![ ](/uploads/y.webp)\n\n![Fine](/uploads/z.webp)")).toBe("describe the 2 images that have no description (alt text)");
    expect(imagesNotReady("![](missing-image:a.png) ![](/uploads/x.webp)")).toBe("upload the image “a.png” (or remove it); describe the image that has no description (alt text)");
  });
});

describe("renderPlainText", () => {
  it("keeps the words, list markers and link targets, and drops markup", () => {
    const text = renderPlainText("## Notes\n\nSee [the guide](https://example.org/guide).\n\n- one\n- two\n\n<b>x</b> y");
    expect(text).toBe("Notes\n\nSee the guide (https://example.org/guide).\n\n- one\n- two\n\nx y");
  });

  it("never prints a script URL as a link target", () => {
    expect(renderPlainText("[click](javascript:alert(1))")).toBe("click");
  });
});

describe("control characters (issue #14)", () => {
  // C0 controls other than tab, line feed and carriage return mean nothing on a page or in an email
  // and make HTML and XML invalid: every rendering drops them; tabs and line breaks are kept.
  const typed = "Bell\u0007 and\u0001 escape\u001B text\u0000,\ttabbed\r\nand broken";

  it("drops them from posts, excerpts, comments and plain text, keeping tabs and line breaks", () => {
    const post = renderPostMarkdown(typed);
    expect(post.html).toContain("Bell and escape text,\ttabbed");
    expect(post.excerpt).toBe("Bell and escape text, tabbed and broken");
    expect(renderCommentMarkdown(typed)).toContain("Bell and escape text,\ttabbed<br>");
    expect(renderPlainText(typed)).toBe("Bell and escape text,\ttabbed\r\nand broken");
    for (const output of [post.html, post.excerpt, renderCommentMarkdown(typed), renderPlainText(typed)]) {
      expect(output).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
  });
});
