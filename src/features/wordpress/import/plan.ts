// The first of an import's two passes over the export: it reads the whole file once, writing nothing, so a
// malformed file stops the import (with its line and column) before anything is written, and it gathers
// what the second pass needs before it meets it: the authors and terms, every attachment (a post may show a
// gallery of attachments listed after it), each series' members (to number them), the old site's permalink
// structure, and how many items there are (for the progress bar). It keeps no post content, so its memory
// grows with the number of attachments and series posts, not with the size of the file.
import { decodeHTML } from "entities";
import { detached } from "../detached-string";
import { checkWxrVersion, readWxrFile } from "../wxr/reader";
import type { WxrAuthor, WxrCategory, WxrItem, WxrProblem, WxrSite, WxrTag, WxrTerm } from "../wxr/types";
import { decodeOrKeep } from "@/lib/percent-encoding";

export type PlannedAttachment = { url: string; alt: string; caption: string; title: string; parent: number; link: string | null };

/** A page, as a menu item or a child page names it. */
export type PlannedPage = { title: string; parent: number };

/** A `nav_menu_item`: what its `_menu_item_*` meta say, and the menu (a `nav_menu` term) it belongs to. */
export type PlannedMenuItem = {
  id: number;
  title: string;
  order: number;
  /** The menu's term slug. */
  menu: string;
  /** The id of the menu item it sits under, or 0. */
  parent: number;
  /** post_type, taxonomy, custom, post_type_archive. */
  type: string;
  /** page, post, category, post_tag, custom, … */
  object: string;
  objectId: number;
  url: string;
};

export type GuestAuthor = { login: string; displayName: string; bio: string; website: string; email: string };

export type ImportOptions = {
  /** The taxonomy holding series (PublishPress Series and Organize Series use "series"). */
  seriesTaxonomy: string;
  /** Category slugs in order of preference, and what each becomes ("" for no category). */
  categoryMap: CategoryMap | null;
  skipPingbacks: boolean;
  /** Custom taxonomies whose terms become tags (--taxonomy-as-tags). */
  taxonomiesAsTags: string[];
};

/** From --category-map: which category wins when a post has several, and renamings. */
export type CategoryMap = { order: string[]; target: Map<string, string | null> };

export type ImportPlan = {
  site: WxrSite;
  /** The site's address without a trailing slash: the key of every link this import keeps. */
  siteUrl: string;
  authors: Map<string, WxrAuthor>;
  authorLoginsById: Map<number, string>;
  guestAuthors: Map<string, GuestAuthor>;
  /** Co-Authors Plus `author` terms by slug. */
  coAuthorTerms: Map<string, WxrTerm>;
  categories: Map<string, WxrCategory>;
  tags: Map<string, WxrTag>;
  /** Terms of the series taxonomy by slug. */
  series: Map<string, WxrTerm>;
  attachments: Map<number, PlannedAttachment>;
  /** The hosts the attachments' files are on (a WordPress.com blog's files host, a CDN, an old domain). */
  mediaHosts: Set<string>;
  /** The ids of each post's attached images, in menu order: what a [gallery] without ids shows. */
  attachedImages: Map<number, number[]>;
  /** Every page by its WordPress id. */
  pages: Map<number, PlannedPage>;
  /** The `nav_menu` terms: menu names by slug. */
  menus: Map<string, string>;
  menuItems: PlannedMenuItem[];
  /** Each series post's position: its part number where it has one, otherwise date order filling the gaps. */
  seriesPositions: Map<number, number>;
  /**
   * Which categories become Docket categories and which terms become tags (by slug, with their names):
   * those the posts use as such, then every category and tag no post uses.
   */
  categoriesUsedAsCategory: Set<string>;
  termsUsedAsTags: Map<string, string>;
  seriesUsed: Set<string>;
  /** Terms of taxonomies Docket has nothing like (custom ones, post formats): taxonomy → term name → posts. */
  otherTaxonomies: Map<string, Map<string, number>>;
  /** Categories and tags imported though no post uses them. */
  unusedTerms: { categories: number; tags: number };
  /** "/%year%/%monthnum%/%day%/%postname%/" and the like, inferred from the published posts' links. */
  permalinkStructure: string | null;
  counts: { items: number; comments: number; byType: Record<string, number> };
  /** Records the reader could not read (the rest of the file goes on). */
  problems: WxrProblem[];
  encoding: string;
  invalidByteSequences: number;
};

/** Term names are written HTML-escaped in an export ("Policing &amp; Protest"). */
export function decodeName(name: string): string {
  return decodeHTML(name).replace(/\s+/g, " ").trim();
}

const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif|bmp|tiff?)(?:[?#]|$)/i;

export function metaValue(item: Pick<WxrItem, "meta">, key: string): string | undefined {
  return item.meta.find((entry) => entry.key === key)?.value;
}

/**
 * The category that becomes a post's Docket category, and the categories that become tags: the map's
 * first listed category the post has (or the first the post lists), with "uncategorized" meaning none.
 */
export function chooseCategory(categorySlugs: string[], map: CategoryMap | null): { category: string | null; demoted: string[] } {
  const slugs = [...new Set(categorySlugs)];
  const preferred = map?.order.find((slug) => slugs.includes(slug));
  const chosen = preferred ?? slugs.find((slug) => slug !== "uncategorized") ?? null;
  const demoted = slugs.filter((slug) => slug !== chosen && slug !== "uncategorized");
  return { category: chosen, demoted };
}

/** What a chosen WordPress category becomes in Docket: itself, another one (the map), or none. */
export function docketCategorySlug(slug: string, map: CategoryMap | null): string | null {
  if (map?.target.has(slug)) return map.target.get(slug)!;
  return slug;
}

const STRUCTURES = [
  "/%year%/%monthnum%/%day%/%postname%/",
  "/%year%/%monthnum%/%postname%/",
  "/%year%/%postname%/",
  "/archives/%post_id%/",
  "/%postname%/",
];

/** The post's path under a permalink structure. */
export function permalinkPath(structure: string, item: Pick<WxrItem, "postId" | "postName" | "postDate">): string | null {
  if (!item.postName || !item.postDate) return null;
  const [date] = item.postDate.split(" ");
  const [year, month, day] = date.split("-");
  return structure
    .replace("%year%", year)
    .replace("%monthnum%", month)
    .replace("%day%", day)
    .replace("%postname%", item.postName)
    .replace("%post_id%", String(item.postId));
}

/** The path of an address on the old site, or null for a link elsewhere or one with only a query (`/?p=12`). */
export function sitePath(link: string | null, siteUrl: string): string | null {
  if (!link) return null;
  let url: URL;
  let base: URL;
  try {
    url = new URL(link);
    base = new URL(siteUrl);
  } catch {
    return null;
  }
  if (url.host !== base.host) return null;
  const basePath = base.pathname.replace(/\/$/, "");
  if (!url.pathname.startsWith(basePath)) return null;
  const path = url.pathname.slice(basePath.length) || "/";
  return path === "/" ? null : decodeOrKeep(path, decodeURI);
}


/** Parses a --category-map file: one `wordpress-slug = docket-slug` a line (`-` for none), in order of preference. */
export function parseCategoryMap(text: string): CategoryMap {
  const order: string[] = [];
  const target = new Map<string, string | null>();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.replace(/#.*$/, "").trim();
    if (line === "") return;
    const match = /^([^=,\s]+)\s*(?:[=,]\s*(\S+))?$/.exec(line);
    if (!match) throw new Error(`Line ${index + 1} of the category map is not "wordpress-slug = docket-slug": ${rawLine.trim()}`);
    const [, from, to] = match;
    order.push(from);
    if (to !== undefined) target.set(from, to === "-" ? null : to);
  });
  return { order, target };
}

/** Taxonomies the import maps (or, for menus and Co-Authors Plus bylines, reads) itself. */
const KNOWN_TAXONOMIES = new Set(["category", "post_tag", "author", "nav_menu"]);

/** Categories and tags no post uses are imported too, so the site's vocabulary arrives whole; how many of each. */
function addUnusedTerms(plan: ImportPlan, options: ImportOptions): ImportPlan["unusedTerms"] {
  const unused = { categories: 0, tags: 0 };
  for (const slug of plan.categories.keys()) {
    if (slug === "uncategorized" || plan.categoriesUsedAsCategory.has(slug) || plan.termsUsedAsTags.has(slug)) continue;
    if (docketCategorySlug(slug, options.categoryMap) === null) continue;
    plan.categoriesUsedAsCategory.add(slug);
    unused.categories += 1;
  }
  for (const [slug, tag] of plan.tags) {
    if (plan.termsUsedAsTags.has(slug)) continue;
    plan.termsUsedAsTags.set(slug, detached(decodeName(tag.name || slug)));
    unused.tags += 1;
  }
  return unused;
}

export async function planImport(path: string, options: ImportOptions, onProgress?: (bytesRead: number) => void): Promise<ImportPlan> {
  const plan: ImportPlan = {
    site: { kind: "site", title: "", link: "", description: "", pubDate: null, language: "", wxrVersion: null, baseSiteUrl: "", baseBlogUrl: "" },
    siteUrl: "",
    authors: new Map(),
    authorLoginsById: new Map(),
    guestAuthors: new Map(),
    coAuthorTerms: new Map(),
    categories: new Map(),
    tags: new Map(),
    series: new Map(),
    attachments: new Map(),
    mediaHosts: new Set(),
    attachedImages: new Map(),
    pages: new Map(),
    menus: new Map(),
    menuItems: [],
    seriesPositions: new Map(),
    categoriesUsedAsCategory: new Set(),
    termsUsedAsTags: new Map(),
    seriesUsed: new Set(),
    otherTaxonomies: new Map(),
    unusedTerms: { categories: 0, tags: 0 },
    permalinkStructure: null,
    counts: { items: 0, comments: 0, byType: {} },
    problems: [],
    encoding: "utf-8",
    invalidByteSequences: 0,
  };
  const seriesMembers = new Map<string, { postId: number; part: number | null; date: number }[]>();
  const structureVotes = new Map<string, number>();
  const attachedOrder: { parent: number; id: number; order: number }[] = [];

  let sawSite = false;
  for await (const record of readWxrFile(path, { onProgress })) {
    switch (record.kind) {
      case "site":
        checkWxrVersion(record);
        sawSite = true;
        plan.site = record;
        plan.siteUrl = (record.baseBlogUrl || record.link).replace(/\/+$/, "");
        break;
      case "author":
        plan.authors.set(record.login, record);
        if (record.id !== null) plan.authorLoginsById.set(record.id, record.login);
        break;
      case "category":
        plan.categories.set(record.nicename, record);
        break;
      case "tag":
        plan.tags.set(record.slug, record);
        break;
      case "term":
        if (record.taxonomy === options.seriesTaxonomy) plan.series.set(record.slug, record);
        else if (record.taxonomy === "author") plan.coAuthorTerms.set(record.slug, record);
        else if (record.taxonomy === "nav_menu") plan.menus.set(detached(record.slug), detached(decodeName(record.name) || record.slug));
        break;
      case "problem":
        plan.problems.push(record);
        break;
      case "end":
        plan.encoding = record.encoding;
        plan.invalidByteSequences = record.invalidByteSequences;
        break;
      case "item":
        planItem(record);
        break;
    }
  }

  /** A category no <wp:category> declares is named as the item's own element names it. */
  function learnUndeclaredCategory(term: WxrItem["terms"][number]) {
    if (term.domain !== "category" || !term.nicename || plan.categories.has(term.nicename)) return;
    const nicename = detached(term.nicename);
    plan.categories.set(nicename, { kind: "category", termId: null, nicename, parent: null, name: detached(term.name), description: "", meta: [] });
  }

  function countOtherTaxonomy(term: WxrItem["terms"][number]) {
    const terms = plan.otherTaxonomies.get(term.domain) ?? new Map<string, number>();
    if (!plan.otherTaxonomies.has(term.domain)) plan.otherTaxonomies.set(detached(term.domain), terms);
    const name = detached(decodeName(term.name || term.nicename || ""));
    terms.set(name, (terms.get(name) ?? 0) + 1);
  }

  function planItem(item: WxrItem) {
    plan.counts.items += 1;
    plan.counts.byType[item.postType] = (plan.counts.byType[item.postType] ?? 0) + 1;
    if (item.postType === "attachment") {
      const url = item.attachmentUrl ?? item.guid;
      plan.attachments.set(item.postId, {
        url: detached(url),
        alt: detached(metaValue(item, "_wp_attachment_image_alt") ?? ""),
        caption: detached(item.excerpt.trim()),
        title: detached(item.title),
        parent: item.postParent,
        link: item.link === null ? null : detached(item.link),
      });
      const host = URL.canParse(url) ? new URL(url).host.toLowerCase() : "";
      if (host && !plan.mediaHosts.has(host)) plan.mediaHosts.add(detached(host));
      if (item.postParent > 0 && IMAGE_FILE.test(url)) attachedOrder.push({ parent: item.postParent, id: item.postId, order: item.menuOrder });
      return;
    }
    if (item.postType === "guest-author") {
      const login = metaValue(item, "cap-user_login") ?? item.postName.replace(/^cap-/, "");
      plan.guestAuthors.set(detached(login), {
        login: detached(login),
        displayName: detached(metaValue(item, "cap-display_name") ?? item.title),
        bio: detached(metaValue(item, "cap-description") ?? ""),
        website: detached(metaValue(item, "cap-website") ?? ""),
        email: detached(metaValue(item, "cap-user_email") ?? ""),
      });
      return;
    }
    if (item.postType === "page") {
      plan.pages.set(item.postId, { title: detached(item.title), parent: item.postParent });
      return;
    }
    if (item.postType === "nav_menu_item") {
      const number = (key: string) => Number(metaValue(item, key) ?? "0") || 0;
      plan.menuItems.push({
        id: item.postId,
        title: detached(item.title),
        order: item.menuOrder,
        menu: detached(item.terms.find((term) => term.domain === "nav_menu")?.nicename ?? ""),
        parent: number("_menu_item_menu_item_parent"),
        type: detached(metaValue(item, "_menu_item_type") ?? "custom"),
        object: detached(metaValue(item, "_menu_item_object") ?? ""),
        objectId: number("_menu_item_object_id"),
        url: detached(metaValue(item, "_menu_item_url") ?? ""),
      });
      return;
    }
    if (item.postType !== "post") return;
    plan.counts.comments += item.comments.length;
    for (const term of item.terms) learnUndeclaredCategory(term);
    const categorySlugs = item.terms.filter((term) => term.domain === "category" && term.nicename).map((term) => term.nicename!);
    const { category, demoted } = chooseCategory(categorySlugs, options.categoryMap);
    if (category && docketCategorySlug(category, options.categoryMap) && !plan.categoriesUsedAsCategory.has(category)) plan.categoriesUsedAsCategory.add(detached(category));
    for (const slug of demoted) {
      if (!plan.termsUsedAsTags.has(slug)) plan.termsUsedAsTags.set(detached(slug), detached(decodeName(plan.categories.get(slug)?.name || item.terms.find((term) => term.nicename === slug)?.name || slug)));
    }
    for (const term of item.terms) {
      const asTag = term.domain === "post_tag" || options.taxonomiesAsTags.includes(term.domain);
      if (asTag && term.nicename && !plan.termsUsedAsTags.has(term.nicename)) {
        plan.termsUsedAsTags.set(detached(term.nicename), detached(decodeName((term.domain === "post_tag" ? plan.tags.get(term.nicename)?.name : null) || term.name || term.nicename)));
      }
      if (!asTag && !KNOWN_TAXONOMIES.has(term.domain) && term.domain !== options.seriesTaxonomy) countOtherTaxonomy(term);
      if (term.domain === options.seriesTaxonomy && term.nicename) {
        if (!plan.seriesUsed.has(term.nicename)) plan.seriesUsed.add(detached(term.nicename));
        const part = Number(metaValue(item, "_series_part"));
        const members = seriesMembers.get(term.nicename) ?? [];
        members.push({ postId: item.postId, part: Number.isInteger(part) && part > 0 ? part : null, date: item.postDate ? Date.parse(`${item.postDate.replace(" ", "T")}Z`) : Infinity });
        if (!seriesMembers.has(term.nicename)) seriesMembers.set(detached(term.nicename), members);
      }
    }
    const path = item.status === "publish" ? sitePath(item.link, plan.siteUrl || item.link || "") : null;
    if (path) {
      for (const structure of STRUCTURES) {
        if (permalinkPath(structure, item) === path) structureVotes.set(structure, (structureVotes.get(structure) ?? 0) + 1);
      }
    }
  }

  if (!sawSite) checkWxrVersion(null);
  plan.unusedTerms = addUnusedTerms(plan, options);
  for (const { parent, id } of attachedOrder.sort((a, b) => a.order - b.order || a.id - b.id)) {
    plan.attachedImages.set(parent, [...(plan.attachedImages.get(parent) ?? []), id]);
  }
  for (const members of seriesMembers.values()) {
    const taken = new Set(members.flatMap((member) => (member.part === null ? [] : [member.part])));
    let next = 1;
    for (const member of [...members].sort((a, b) => a.date - b.date || a.postId - b.postId)) {
      if (member.part !== null) {
        plan.seriesPositions.set(member.postId, member.part);
        continue;
      }
      while (taken.has(next)) next += 1;
      taken.add(next);
      plan.seriesPositions.set(member.postId, next);
    }
  }
  plan.permalinkStructure = [...structureVotes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return plan;
}
