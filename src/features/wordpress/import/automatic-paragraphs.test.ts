import { describe, expect, it } from "vitest";
import { addAutomaticParagraphs } from "./automatic-paragraphs";

describe("automatic paragraphs", () => {
  it("makes paragraphs of blank-line separated text and line breaks of single newlines", () => {
    expect(addAutomaticParagraphs("One\ntwo\n\n\nThree")).toBe("<p>One<br>\ntwo</p>\n<p>Three</p>\n");
  });

  it("ends a paragraph at a block element and starts another after it", () => {
    expect(addAutomaticParagraphs("Before <strong>bold</strong>\n<h2>Heading</h2>\nAfter")).toBe("<p>Before <strong>bold</strong></p>\n<h2>Heading</h2>\n<p>After</p>\n");
  });

  it("leaves pre, script and style text alone", () => {
    expect(addAutomaticParagraphs("Text\n<pre>a\n\nb</pre>")).toBe("<p>Text</p>\n<pre>a\n\nb</pre>\n");
  });

  it("adds paragraphs inside blockquotes and divs, line breaks inside list items, and nothing inside lists themselves", () => {
    expect(addAutomaticParagraphs("<blockquote>One\n\nTwo</blockquote>")).toBe("<blockquote><p>One</p>\n<p>Two</p>\n</blockquote>\n");
    expect(addAutomaticParagraphs("<ul>\n\t<li>a\nb</li>\n</ul>")).toBe("<ul>\n\t<li>a<br>\nb</li>\n</ul>\n");
  });

  it("drops paragraphs of nothing but whitespace", () => {
    expect(addAutomaticParagraphs("A\n\n   \n\nB")).toBe("<p>A</p>\n<p>B</p>\n");
    expect(addAutomaticParagraphs(" \n ")).toBe("");
  });

  it("keeps inline elements whole, turning their newlines into line breaks", () => {
    expect(addAutomaticParagraphs("<em>one\ntwo</em> three")).toBe("<p><em>one<br>\ntwo</em> three</p>\n");
  });
});
