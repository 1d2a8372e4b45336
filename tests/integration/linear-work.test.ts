// Every transformation a request can make Docket run over text someone else wrote (the editor's paste
// conversion, rendering a post or comment, the WordPress import's HTML → markdown) does work in
// proportion to its input. Each hostile input from issue #26 is converted at size n and 2n, and the
// work, counted block by block (tests/helpers/work-count.ts, no clock), may at most about double:
// before, each of these took four times the work for twice the input, and minutes at its full size.
// `npm run bench:hostile` prints how long each takes at full size.
import { afterAll, describe, expect, it } from "vitest";
import { growthOfWork, startCountingWork } from "../helpers/work-count";
import { hostileHtml, hostileMarkdown } from "../fixtures/hostile-documents";

const counter = await startCountingWork();
const { htmlToMarkdown } = await import("@/lib/html-to-markdown");
const { renderCommentMarkdown, renderPlainText, renderPostMarkdown } = await import("@/lib/markdown");
const { wordpressContentToMarkdown } = await import("@/features/wordpress/import/convert-content");

afterAll(() => counter.stop());

/** Linear work doubles (2.0); the quadratic work these inputs used to cause grew 3.4 to 4 times. */
const LINEAR = 2.6;

describe("pasted HTML is converted in linear time", () => {
  it.each(Object.entries(hostileHtml))("%s", async (_name, { make, unit }) => {
    expect(await growthOfWork(counter, (size) => htmlToMarkdown(make(size)), unit)).toBeLessThan(LINEAR);
  });
});

describe("the WordPress import converts a post's HTML in linear time", () => {
  it.each(Object.entries(hostileHtml))("%s", async (_name, { make, unit }) => {
    expect(await growthOfWork(counter, (size) => wordpressContentToMarkdown(make(size)), unit)).toBeLessThan(LINEAR);
  });
});

describe("markdown is rendered in linear time", () => {
  it.each(Object.entries(hostileMarkdown))("%s, as a post", async (_name, { make, unit }) => {
    expect(await growthOfWork(counter, (size) => renderPostMarkdown(make(size)), unit)).toBeLessThan(LINEAR);
  });

  it.each(Object.entries(hostileMarkdown))("%s, as a comment and as plain text", async (_name, { make, unit }) => {
    expect(await growthOfWork(counter, (size) => renderCommentMarkdown(make(size)), unit)).toBeLessThan(LINEAR);
    expect(await growthOfWork(counter, (size) => renderPlainText(make(size)), unit)).toBeLessThan(LINEAR);
  });
});
