// The hostile-input corpus (tests/fixtures/hostile-input.ts) through the renderers every reader-facing
// text passes: post and comment markdown come out as HTML with nothing that can run, and the XML
// escaping leaves a document a strict parser reads, with the text intact but for the forbidden characters.
// The browser test (tests/e2e/hostile-input.test.ts) checks the same through the forms and pages.
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { renderCommentMarkdown, renderPostMarkdown } from "@/lib/markdown";
import { cdata, escapeXml, withoutXmlForbiddenCharacters } from "@/lib/xml";
import { ALL_VECTORS, hundredKilobyteMarkdown } from "../fixtures/hostile-input";

type Node = DefaultTreeAdapterMap["node"];

const ACTIVE_ELEMENTS = new Set(["script", "style", "iframe", "frame", "object", "embed", "base", "form", "meta", "link", "svg", "math"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"]);
const SCRIPT_URL = /^(?:javascript|vbscript):|^data:text\/html/i;

/** What in this HTML could run script: active elements, event handlers, script URLs. */
function activeParts(html: string): string[] {
  const found: string[] = [];
  const visit = (node: Node) => {
    if ("tagName" in node) {
      if (ACTIVE_ELEMENTS.has(node.tagName)) found.push(`<${node.tagName}>`);
      for (const attribute of node.attrs) {
        const value = attribute.value.replace(/[\u0000-\u0020]/g, "");
        if (attribute.name.startsWith("on") || attribute.name === "style" || attribute.name === "srcdoc") found.push(`<${node.tagName} ${attribute.name}>`);
        if (URL_ATTRIBUTES.has(attribute.name) && SCRIPT_URL.test(value)) found.push(`<${node.tagName} ${attribute.name}="${attribute.value}">`);
      }
    }
    if ("childNodes" in node) for (const child of node.childNodes) visit(child);
  };
  visit(parseFragment(html));
  return found;
}

/** A strict XML parser's errors for the document, and the text of its root element. */
function readXml(xml: string): { errors: string[]; text: string } {
  const parser = new SaxesParser();
  const errors: string[] = [];
  let text = "";
  parser.on("error", (error) => errors.push(error.message));
  parser.on("text", (chunk) => (text += chunk));
  parser.on("cdata", (chunk) => (text += chunk));
  parser.write(xml).close();
  return { errors, text };
}

describe("the hostile-input corpus", () => {
  it.each(ALL_VECTORS.map((vector) => [vector.name, vector.text]))("renders %s as inert post and comment HTML", (_name, text) => {
    expect(activeParts(renderPostMarkdown(text).html)).toEqual([]);
    expect(activeParts(renderCommentMarkdown(text))).toEqual([]);
  });

  it("renders the 100 KB post with every vector as inert HTML", () => {
    const rendered = renderPostMarkdown(hundredKilobyteMarkdown());
    expect(rendered.html.length).toBeGreaterThan(100_000);
    expect(activeParts(rendered.html)).toEqual([]);
  });

  it.each(ALL_VECTORS.map((vector) => [vector.name, vector.text]))("keeps %s as well-formed XML in text, attributes and CDATA", (_name, text) => {
    const expected = withoutXmlForbiddenCharacters(text).replace(/\r\n?/g, "\n");
    const inText = readXml(`<t>${escapeXml(text)}</t>`);
    expect(inText.errors).toEqual([]);
    expect(inText.text).toBe(expected);
    const inCdata = readXml(`<t>${cdata(text)}</t>`);
    expect(inCdata.errors).toEqual([]);
    expect(inCdata.text).toBe(expected);
    expect(readXml(`<t a="${escapeXml(text)}" b='${escapeXml(text)}'/>`).errors).toEqual([]);
  });
});
