// What a page costs in JavaScript: every script fetched and gzipped (level 9) as a server or CDN
// would send it. Shared by `bench:read` (the post page) and `bench:editor-js` (the admin editor).
import { gzipSync } from "node:zlib";

export type ScriptSize = { raw: number; gzipped: number };

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export function gzippedBytes(body: Buffer): ScriptSize {
  return { raw: body.length, gzipped: gzipSync(body, { level: 9 }).length };
}

export async function gzippedSize(baseUrl: string, sources: string[]): Promise<ScriptSize> {
  let raw = 0;
  let gzipped = 0;
  for (const source of sources) {
    const size = gzippedBytes(Buffer.from(await (await fetch(new URL(source, baseUrl))).arrayBuffer()));
    raw += size.raw;
    gzipped += size.gzipped;
  }
  return { raw, gzipped };
}

/**
 * The scripts a page's HTML names. `nomodule` scripts (polyfills) are apart: browsers that run
 * modules, every current one, skip them.
 */
export function scriptSourcesOf(html: string): { loaded: string[]; skipped: string[] } {
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)];
  const source = (tag: RegExpMatchArray) => tag[1].replaceAll("&amp;", "&");
  const isNoModule = (tag: RegExpMatchArray) => /\snomodule/i.test(tag[0]);
  return {
    loaded: [...new Set(tags.filter((tag) => !isNoModule(tag)).map(source))],
    skipped: [...new Set(tags.filter(isNoModule).map(source))],
  };
}

export function inlineScriptBytes(html: string): number {
  return [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, match) => sum + Buffer.byteLength(match[1]), 0);
}

/** The line `bench:read` prints for a page's scripts. */
export async function reportPageJavaScript(baseUrl: string, pagePath: string, html: string) {
  const { loaded, skipped } = scriptSourcesOf(html);
  const sent = await gzippedSize(baseUrl, loaded);
  const legacy = await gzippedSize(baseUrl, skipped);
  console.log(
    `JavaScript on ${pagePath}: ${loaded.length} files, ${kb(sent.raw)}, ${kb(sent.gzipped)} gzipped` +
      ` (plus ${kb(inlineScriptBytes(html))} inline in the HTML, mostly the page's RSC payload;` +
      ` and ${skipped.length} nomodule file of ${kb(legacy.gzipped)} gzipped that only browsers without modules load)`,
  );
}
