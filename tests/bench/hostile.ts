// `npm run bench:hostile`: how long each hostile input of issue #26 takes at the size the issue measured
// it (tests/fixtures/hostile-documents.ts), converted as pasted HTML, as a WordPress post's HTML, and
// rendered as a post; the median of three runs each, after one to warm up. The work done grows in
// proportion to the input (tests/integration/linear-work.test.ts); this prints what that costs here.
import { wordpressContentToMarkdown } from "../../src/features/wordpress/import/convert-content";
import { htmlToMarkdown } from "../../src/lib/html-to-markdown";
import { renderCommentMarkdown, renderPostMarkdown } from "../../src/lib/markdown";
import { hostileHtml, hostileMarkdown, type HostileDocument } from "../fixtures/hostile-documents";

function medianMs(run: () => unknown): number {
  run();
  const times = [0, 1, 2].map(() => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b)[1];
}

function row(name: string, document: HostileDocument, ways: Record<string, (input: string) => unknown>) {
  const input = document.make(document.full);
  const figures = Object.entries(ways).map(([way, convert]) => `${way} ${medianMs(() => convert(input)).toFixed(0).padStart(5)} ms`);
  console.log(`${name.padEnd(46)} ${`${(input.length / 1024).toFixed(0)} KB`.padStart(7)}   ${figures.join("   ")}`);
}

console.log("Pasted HTML (the editor's paste) and a WordPress post's HTML (the import):");
for (const [name, document] of Object.entries(hostileHtml)) {
  row(name, document, { paste: htmlToMarkdown, import: (html) => wordpressContentToMarkdown(html) });
}
console.log("\nMarkdown rendered as a post (the save, the admin's preview) and as a comment:");
for (const [name, document] of Object.entries(hostileMarkdown)) {
  row(name, document, { post: renderPostMarkdown, comment: renderCommentMarkdown });
}
