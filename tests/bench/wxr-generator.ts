// A synthetic WordPress export of any size, for the import benchmarks: N posts and M comments (threaded, in
// every approval state, with pingbacks), authors, nested categories, tags, guest series with part numbers on
// most posts, co-authors, and a few pages. Written through the WXR writer one item at a time, so the file can
// be far larger than memory. The same options always give the same file (a seeded generator).
import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { WxrAuthor, WxrCategory, WxrComment, WxrCommentApproval, WxrItem, WxrItemTerm, WxrTag, WxrTerm } from "../../src/features/wordpress/wxr/types";
import { writeWxrFile, type WxrExport } from "../../src/features/wordpress/wxr/writer";

export type SyntheticWxrOptions = {
  posts: number;
  comments: number;
  authors?: number;
  /** One display name for every author (the byline slugs then collide: author-name, -2, -3…). */
  authorName?: string;
  categories?: number;
  tags?: number;
  series?: number;
  /** Pages, in addition to the posts. */
  pages?: number;
  seed?: number;
};

export type SyntheticWxrFile = { path: string; bytes: number; items: number; comments: number };

const SITE_URL = "https://benchmark.benchnotes.example";

const WORDS = (
  "court magistrate remand bail sentence probation prison wing cell officer solicitor barrister jury verdict appeal " +
  "hearing custody caseload defendant witness evidence listing adjournment tribunal reform policy rehabilitation " +
  "release licence recall supervision community order fine victim statement interview charge caution diversion " +
  "youth family visit letter landing governor inspection report backlog delay trial judge clerk usher gallery " +
  "legal aid advice housing work treatment recovery data figure year month week morning evening the a of and to " +
  "in for on with by who what when why how every each some many few more less still never always often"
).split(" ");

/** mulberry32: small, fast and good enough to vary lengths and choices reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function wordsFrom(random: () => number, count: number): string {
  const words: string[] = [];
  for (let index = 0; index < count; index += 1) words.push(WORDS[Math.floor(random() * WORDS.length)]);
  const sentence = words.join(" ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function paragraphs(random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => `${wordsFrom(random, 12 + Math.floor(random() * 14))}. ${wordsFrom(random, 10 + Math.floor(random() * 16))}.`);
}

function wpDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** Classic-editor text (bare paragraphs, a caption shortcode now and then) or block-editor markup, alternately. */
function postContent(random: () => number, postId: number): string {
  const body = paragraphs(random, 4 + Math.floor(random() * 5));
  if (postId % 2 === 0) {
    const blocks = body.map((text) => `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->`);
    blocks.splice(2, 0, `<!-- wp:heading -->\n<h2 class="wp-block-heading">${wordsFrom(random, 5)}</h2>\n<!-- /wp:heading -->`);
    return blocks.join("\n\n");
  }
  if (postId % 5 === 1) body.splice(1, 0, `[caption id="attachment_${postId}" align="alignnone" width="640"]<img src="${SITE_URL}/wp-content/uploads/2024/01/photo-${postId}.jpg" alt="" width="640" height="427" /> ${wordsFrom(random, 6)}[/caption]`);
  body.splice(2, 0, "<!--more-->");
  return body.join("\n\n");
}

function approvalFor(random: () => number): WxrCommentApproval {
  const roll = random();
  if (roll < 0.85) return "1";
  if (roll < 0.93) return "0";
  if (roll < 0.98) return "spam";
  return "trash";
}

function commentsFor(random: () => number, firstId: number, count: number, postDate: Date): WxrComment[] {
  const comments: WxrComment[] = [];
  for (let index = 0; index < count; index += 1) {
    const id = firstId + index;
    const date = new Date(postDate.getTime() + (index + 1) * 37 * 60_000);
    const isPingback = random() < 0.03;
    // A third of comments answer an earlier comment on the same post.
    const parent = index > 0 && !isPingback && random() < 0.33 ? comments[Math.floor(random() * comments.length)].id : 0;
    const reader = Math.floor(random() * 5000);
    comments.push({
      id,
      author: isPingback ? `Another blog \u00bb ${wordsFrom(random, 4)}` : `Reader ${reader}`,
      authorEmail: isPingback ? "" : `reader${reader}@example.org`,
      authorUrl: isPingback ? `https://another-blog.example.org/${id}/` : "",
      authorIp: `192.0.2.${reader % 254}`,
      date: wpDate(date),
      dateGmt: date,
      content: isPingback ? `[&#8230;] ${wordsFrom(random, 12)} [&#8230;]` : paragraphs(random, 1 + Math.floor(random() * 2)).join("\n\n"),
      approved: isPingback ? "1" : approvalFor(random),
      type: isPingback ? "pingback" : "comment",
      parent,
      userId: 0,
      meta: [],
    });
  }
  return comments;
}

/** The export as the writer takes it; items are made one at a time as the writer asks for them. */
export function syntheticWxr(options: SyntheticWxrOptions): WxrExport {
  const { posts, comments: totalComments } = options;
  const authorCount = options.authors ?? 25;
  const categoryCount = options.categories ?? 24;
  const tagCount = options.tags ?? 200;
  const seriesCount = options.series ?? 40;
  const pageCount = options.pages ?? 10;
  const random = seededRandom(options.seed ?? 20_240_601);

  const authors: Omit<WxrAuthor, "kind">[] = Array.from({ length: authorCount }, (_, index) => ({
    id: index + 2,
    login: `author${index + 1}`,
    email: `author${index + 1}@benchnotes.example`,
    displayName: options.authorName ?? `Author ${index + 1}`,
    firstName: "Author",
    lastName: String(index + 1),
  }));
  // A quarter of the categories are top-level; the rest sit under one of them.
  const topLevel = Math.max(1, Math.floor(categoryCount / 4));
  const categories: Omit<WxrCategory, "kind">[] = Array.from({ length: categoryCount }, (_, index) => ({
    termId: 100 + index,
    nicename: `category-${index + 1}`,
    parent: index < topLevel ? null : `category-${(index % topLevel) + 1}`,
    name: `Category ${index + 1}`,
    description: "",
    meta: [],
  }));
  const tags: Omit<WxrTag, "kind">[] = Array.from({ length: tagCount }, (_, index) => ({ termId: 1000 + index, slug: `tag-${index + 1}`, name: `Tag ${index + 1}`, description: "", meta: [] }));
  const series: Omit<WxrTerm, "kind">[] = Array.from({ length: seriesCount }, (_, index) => ({
    termId: 5000 + index,
    taxonomy: "series",
    slug: `series-${index + 1}`,
    parent: null,
    name: `Series ${index + 1}`,
    description: wordsFrom(random, 10),
    meta: [],
  }));
  const coAuthors: Omit<WxrTerm, "kind">[] = authors.map((author, index) => ({
    termId: 6000 + index,
    taxonomy: "author",
    slug: `cap-${author.login}`,
    parent: null,
    name: author.login,
    description: `${author.displayName} ${author.firstName} ${author.lastName} ${author.login} ${author.id} ${author.email}`,
    meta: [],
  }));

  async function* items(): AsyncGenerator<Omit<WxrItem, "kind">> {
    const start = Date.UTC(2012, 0, 1);
    const span = Date.UTC(2024, 5, 1) - start;
    const partsSoFar = new Map<string, number>();
    let nextCommentId = 1;
    for (let index = 0; index < posts; index += 1) {
      const postId = 10_000 + index;
      const date = new Date(start + Math.floor((span * index) / Math.max(1, posts)));
      const author = authors[index % authors.length];
      const terms: WxrItemTerm[] = [];
      const category = categories[Math.floor(random() * categories.length)];
      terms.push({ domain: "category", nicename: category.nicename, name: category.name });
      if (random() < 0.2) {
        const second = categories[Math.floor(random() * categories.length)];
        if (second !== category) terms.push({ domain: "category", nicename: second.nicename, name: second.name });
      }
      for (let count = Math.floor(random() * 4); count > 0; count -= 1) {
        const tag = tags[Math.floor(random() * tags.length)];
        if (!terms.some((term) => term.nicename === tag.slug)) terms.push({ domain: "post_tag", nicename: tag.slug, name: tag.name });
      }
      const meta = [{ key: "_edit_last", value: String(author.id) }];
      if (random() < 0.3) {
        const oneSeries = series[index % series.length];
        const part = (partsSoFar.get(oneSeries.slug) ?? 0) + 1;
        partsSoFar.set(oneSeries.slug, part);
        terms.push({ domain: "series", nicename: oneSeries.slug, name: oneSeries.name });
        // Most series posts carry their part number; some leave it to date order.
        if (random() < 0.8) meta.push({ key: "_series_part", value: String(part) });
      }
      if (random() < 0.1) {
        terms.push({ domain: "author", nicename: `cap-${author.login}`, name: author.login });
        const other = authors[(index + 7) % authors.length];
        terms.push({ domain: "author", nicename: `cap-${other.login}`, name: other.login });
      }
      const commentCount = Math.floor(((index + 1) * totalComments) / posts) - Math.floor((index * totalComments) / posts);
      const comments = commentsFor(random, nextCommentId, commentCount, date);
      nextCommentId += commentCount;
      const slug = `post-${postId}`;
      yield {
        postId,
        title: wordsFrom(random, 4 + Math.floor(random() * 6)),
        link: `${SITE_URL}/${date.toISOString().slice(0, 10).replaceAll("-", "/")}/${slug}/`,
        pubDate: date,
        creator: author.login,
        guid: `${SITE_URL}/?p=${postId}`,
        content: postContent(random, postId),
        excerpt: random() < 0.3 ? wordsFrom(random, 20) : "",
        postDate: wpDate(date),
        postDateGmt: date,
        postModified: wpDate(date),
        postModifiedGmt: date,
        commentStatus: "open",
        pingStatus: "open",
        postName: slug,
        status: "publish",
        postParent: 0,
        menuOrder: 0,
        postType: "post",
        postPassword: "",
        isSticky: index % 1000 === 0,
        attachmentUrl: null,
        terms,
        meta,
        comments,
      };
    }
    for (let index = 0; index < pageCount; index += 1) {
      const postId = 9_000 + index;
      const date = new Date(start + index * 86_400_000);
      yield {
        postId,
        title: `Page ${index + 1}`,
        link: `${SITE_URL}/page-${index + 1}/`,
        pubDate: date,
        creator: authors[0].login,
        guid: `${SITE_URL}/?page_id=${postId}`,
        content: paragraphs(random, 3).join("\n\n"),
        excerpt: "",
        postDate: wpDate(date),
        postDateGmt: date,
        postModified: wpDate(date),
        postModifiedGmt: date,
        commentStatus: "closed",
        pingStatus: "closed",
        postName: `page-${index + 1}`,
        status: "publish",
        postParent: 0,
        menuOrder: index,
        postType: "page",
        postPassword: "",
        isSticky: false,
        attachmentUrl: null,
        terms: [],
        meta: [],
        comments: [],
      };
    }
  }

  return {
    site: { title: "Bench Notes (benchmark)", link: SITE_URL, description: "Synthetic export", language: "en-GB", baseSiteUrl: SITE_URL, baseBlogUrl: SITE_URL },
    authors,
    categories,
    tags,
    terms: [...series, ...coAuthors],
    items: items(),
    exportedAt: new Date(Date.UTC(2024, 5, 1)),
  };
}

/** Writes a synthetic export to `path`, streaming, and says what it holds. */
export async function writeSyntheticWxr(path: string, options: SyntheticWxrOptions): Promise<SyntheticWxrFile> {
  await writeWxrFile(path, syntheticWxr(options));
  return { path, bytes: (await stat(path)).size, items: options.posts + (options.pages ?? 10), comments: options.comments };
}

/** The options both WXR benchmarks take: `--sizes=2000,20000` (posts per export) and `--comments-per-post=10`. */
export function exportSizeOptions(): { sizes: number[]; commentsPerPost: number } {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "2000,20000" },
      "comments-per-post": { type: "string", default: "10" },
    },
  });
  const sizes = values.sizes.split(",").map((size) => Number(size.trim()));
  const commentsPerPost = Number(values["comments-per-post"]);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(commentsPerPost) || commentsPerPost < 0) {
    console.error("--sizes takes whole numbers separated by commas; --comments-per-post a whole number");
    process.exit(2);
  }
  return { sizes, commentsPerPost };
}
