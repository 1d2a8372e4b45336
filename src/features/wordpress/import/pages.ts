// A WordPress import's pages and menu (import.ts runs them in its second pass). Pages become Docket pages
// through the pages' own save path, keyed like posts on the site and the item's id, with their old
// addresses (the permalink, /?page_id=ID) kept in the redirect table. With the editor's say-so, one
// `nav_menu` becomes the header menu: links to the imported pages, categories and series, posts as the
// address they now live at, and custom links as addresses (the old site's own resolved through the
// redirect table). Docket's menus are flat, so nested items follow their parent, each with a report line.
import { uniquePageSlug } from "@/features/pages/mutations";
import { DESCRIPTION_MAX, TITLE_MAX } from "@/features/pages/limits";
import { RESERVED_SLUGS } from "@/features/pages/schema";
import { LABEL_MAX } from "@/features/menus/limits";
import { isMenuAddress, MENU_ITEMS_MAX, type MenuItem, type MenuLink } from "@/features/menus/schema";
import { findRedirect } from "@/features/redirects/data";
import { paths } from "@/lib/seo";
import { findPagesByIds, findPostsByIds, loadLinks } from "../data";
import { itemMarkdown, type ContentContext } from "./item-content";
import { admittedStatus, itemChecksum, plainTitle, postDate, slugFor } from "./mapping";
import { decodeName, sitePath, type PlannedMenuItem } from "./plan";
import { describeItem, type ImportReportBuilder } from "./report";
import { replaceHeaderMenu, writeImportedPage } from "../mutations";
import { queryAddress, storable, withSlash } from "./old-addresses";
import type { WxrItem } from "../wxr/types";

export type PageImportContext = ContentContext & {
  options: { dryRun: boolean; headerMenu: boolean; seriesTaxonomy: string };
  optionsSignature: string;
  userIdByWpUserId: Map<number, string>;
  categoryIds: Map<string, string>;
  seriesIds: Map<string, string>;
  /** What earlier runs made of each page, by WordPress id. */
  pageLinks: Map<string, { docketId: string; checksum: string | null }>;
  /** The WordPress ids of the pages this run has taken up: a file that repeats an item never makes two pages. */
  writtenPagesThisRun: Set<number>;
  /** The addresses of the pages this run wrote, for the cache. */
  writtenPageSlugs: Set<string>;
};

/** Why a page is a draft in Docket when it was not one in WordPress (Docket's pages are draft or published). */
function draftReason(item: WxrItem): string | null {
  if (item.postPassword !== "" && item.status !== "draft") return "was password-protected: Docket has no passwords, so it is a draft until an editor publishes it";
  switch (item.status) {
    case "private":
      return "was private: Docket has no private pages, so it is a draft";
    case "future":
      return "was scheduled: Docket's pages are published by an editor, so it is a draft";
    case "pending":
      return "was pending review: it is a draft for an editor to publish";
    default:
      return null;
  }
}

/**
 * Docket's pages are the site's standing pages (about, contact, write for us), read rather than discussed,
 * so they have no comment threads: a page's comments are left out, each page with a line saying how many.
 */
function reportPageComments(item: WxrItem, label: string, report: ImportReportBuilder) {
  const count = item.comments.length;
  if (count === 0) return;
  const approved = item.comments.filter((comment) => comment.approved === "1").length;
  report.count("comments", "skipped", count);
  report.problem(`${label}: its ${count === 1 ? "comment was" : `${count} comments (${approved} approved) were`} not imported: Docket's pages have no comments.`);
}

export async function importPage(item: WxrItem, context: PageImportContext): Promise<void> {
  const { plan, options, report } = context;
  const title = plainTitle(item.title);
  const label = describeItem(item.postId, title, "Page");
  const mapped = admittedStatus(item, "pages", label, context.writtenPagesThisRun, report);
  if (!mapped) return;
  reportPageComments(item, label, report);
  const checksum = itemChecksum(item, context.optionsSignature);
  const earlier = context.pageLinks.get(String(item.postId));
  if (earlier && earlier.checksum === checksum) {
    report.count("pages", "unchanged");
    return;
  }

  const published = mapped.status === "PUBLISHED";
  const reason = published ? null : draftReason(item);
  if (reason) report.choice(`${label} ${reason}.`);

  // WordPress's post_name is already the last part of a nested page's address (/about/write-for-us/).
  const base = slugFor(item);
  const slug = await uniquePageSlug(base, earlier?.docketId);
  if (RESERVED_SLUGS.has(base)) report.choice(`${label}: “/${base}” is one of Docket's own addresses, so the page lives at “/${slug}”.`);
  else if (slug !== base) report.choice(`${label}: another page has the address “/${base}”, so this one lives at “/${slug}”.`);
  if (item.postParent > 0) {
    const parent = plan.pages.get(item.postParent);
    const parentName = parent ? `“${plainTitle(parent.title) || "(no title)"}”` : `page ${item.postParent}`;
    report.choice(`${label} was inside ${parentName} in WordPress; Docket's pages are not nested, so it lives at “/${slug}”.`);
  }

  const bodyMarkdown = await itemMarkdown(item, label, "page", context);
  // The excerpt is the page's description (search results and social cards).
  let description = decodeName(item.excerpt.replace(/<[^>]*>/g, " "));
  if (description.length > DESCRIPTION_MAX) {
    description = `${description.slice(0, DESCRIPTION_MAX - 1).replace(/\s+\S*$/, "")}…`;
    report.choice(`${label}: its excerpt was longer than a page's description may be and was shortened.`);
  }

  const redirectPaths = new Set<string>();
  const linkPath = sitePath(item.link, plan.siteUrl);
  // A Docket export's links are the pages' own addresses already: no redirect to the same place.
  if (linkPath && withSlash(linkPath) !== withSlash(paths.page(slug))) redirectPaths.add(linkPath);
  redirectPaths.add(queryAddress("page_id", item.postId));
  const storablePaths = [...redirectPaths].filter(storable);

  const wpAuthorId = plan.authors.get(item.creator)?.id ?? null;
  if (options.dryRun) {
    report.count("pages", earlier ? "updated" : "imported");
    report.count("redirects", earlier ? "unchanged" : "imported", storablePaths.length);
    return;
  }
  const result = await writeImportedPage(
    {
      siteUrl: plan.siteUrl,
      wpId: item.postId,
      checksum,
      title: (title || "(untitled)").slice(0, TITLE_MAX),
      slug,
      bodyMarkdown,
      description: description || null,
      status: published ? "PUBLISHED" : "DRAFT",
      publishedAt: mapped.publishedAt,
      createdAt: postDate(item) ?? new Date(),
      userId: wpAuthorId === null ? null : (context.userIdByWpUserId.get(wpAuthorId) ?? null),
      redirectPaths: storablePaths,
    },
    earlier?.docketId ?? null,
  );
  context.writtenPageSlugs.add(slug);
  report.count("pages", result.outcome);
  report.count("redirects", result.outcome === "imported" ? "imported" : "unchanged", storablePaths.length - result.redirectsTaken.length);
  for (const path of result.redirectsTaken) report.problem(`${label}: its old address ${path} already leads somewhere else, so it was left as it is.`);
}

// ---------- the header menu ----------

const HEADER_LIKE = /header|primary|main|top/i;

/** The menu that becomes the header menu: the only one, else one named like a header menu, else the longest. */
function chooseMenu(items: PlannedMenuItem[], names: Map<string, string>): string {
  const sizes = new Map<string, number>();
  for (const item of items) sizes.set(item.menu, (sizes.get(item.menu) ?? 0) + 1);
  const menus = [...sizes.keys()];
  const headerLike = (slug: string) => [slug, names.get(slug) ?? ""].some((name) => HEADER_LIKE.test(name) && !/footer/i.test(name));
  return menus.find(headerLike) ?? menus.sort((a, b) => sizes.get(b)! - sizes.get(a)!)[0];
}

type Target = { link: MenuLink; title: string; note?: string } | { leftOut: string };

/** The query addresses WordPress links by (/?page_id=12): the key the redirect table keeps each under. */
const QUERY_KEYS = ["p", "page_id", "cat", "tag", "author_name"];

/** Where a custom link leads now: an address on the old site through the redirect table, any other as it is. */
async function customTarget(url: string, siteUrl: string): Promise<Target> {
  if (url === "") return { leftOut: "it has no address" };
  let parsed: URL;
  let site: URL;
  try {
    parsed = new URL(url, siteUrl);
    site = new URL(siteUrl);
  } catch {
    return { leftOut: `its address “${url}” is not a web address` };
  }
  if (parsed.host === site.host) {
    const key = QUERY_KEYS.find((name) => parsed.searchParams.has(name));
    const path = key ? queryAddress(key, parsed.searchParams.get(key)!) : (sitePath(parsed.href, siteUrl) ?? "/");
    const now = path === "/" ? "/" : ((await findRedirect(path)) ?? (key ? null : path.replace(/(.)\/+$/, "$1")));
    if (now === null) return { leftOut: `it leads to ${url}, which nothing in Docket answers` };
    return isMenuAddress(now) ? { link: { kind: "url", url: now }, title: now } : { leftOut: `its address “${url}” cannot be a menu link` };
  }
  return isMenuAddress(url) ? { link: { kind: "url", url }, title: url } : { leftOut: `its address “${url}” is not a web address` };
}

/**
 * With `headerMenu`, the export's menu becomes Docket's header menu (replacing its links); without it, the
 * report says the menu was left out. Runs after the posts and pages, so it can link to what they became.
 */
export async function importHeaderMenu(context: PageImportContext): Promise<void> {
  const { plan, options, report } = context;
  const all = plan.menuItems;
  if (all.length === 0) return;
  if (!options.headerMenu) {
    report.count("menu items", "skipped", all.length);
    report.choice(`${all.length} menu items were left out (the import can make the menu Docket's header menu).`);
    return;
  }
  const chosen = chooseMenu(all, plan.menus);
  const menuName = (slug: string) => `“${plan.menus.get(slug) ?? (slug || "(no name)")}”`;
  for (const slug of new Set(all.map((item) => item.menu))) {
    if (slug === chosen) continue;
    const count = all.filter((item) => item.menu === slug).length;
    report.count("menu items", "skipped", count);
    report.choice(`The menu ${menuName(slug)} (${count} items) was left out: one menu becomes the header menu.`);
  }
  const items = all.filter((item) => item.menu === chosen).sort((a, b) => a.order - b.order || a.id - b.id);

  const [pageLinks, postLinks] = await Promise.all([loadLinks(plan.siteUrl, "page"), loadLinks(plan.siteUrl, "post")]);
  const linked = (links: typeof pageLinks, type: string) => items.flatMap((item) => (item.object === type && links.has(String(item.objectId)) ? [links.get(String(item.objectId))!.docketId] : []));
  const [pages, posts] = await Promise.all([findPagesByIds(linked(pageLinks, "page")), findPostsByIds(linked(postLinks, "post"))]);
  const termSlugs = new Map<string, string>();
  for (const category of plan.categories.values()) if (category.termId !== null) termSlugs.set(`category:${category.termId}`, category.nicename);
  for (const tag of plan.tags.values()) if (tag.termId !== null) termSlugs.set(`post_tag:${tag.termId}`, tag.slug);
  for (const term of plan.series.values()) if (term.termId !== null) termSlugs.set(`${options.seriesTaxonomy}:${term.termId}`, term.slug);

  const target = async (item: PlannedMenuItem): Promise<Target> => {
    if (item.type === "post_type" && item.object === "page") {
      const docketId = pageLinks.get(String(item.objectId))?.docketId;
      const planned = plan.pages.get(item.objectId);
      if (!docketId) return options.dryRun && planned ? { link: { kind: "page", pageId: "dry-run" }, title: plainTitle(planned.title) } : { leftOut: `the page it leads to (${item.objectId}) was not imported` };
      const page = pages.get(docketId);
      if (!page && !options.dryRun) return { leftOut: "the page it leads to was deleted" };
      const note = page && page.status !== "PUBLISHED" ? "leads to a page that is not published: readers see the link once it is" : undefined;
      return { link: { kind: "page", pageId: docketId }, title: page?.title ?? plainTitle(planned?.title ?? ""), note };
    }
    if (item.type === "post_type" && item.object === "post") {
      const post = posts.get(postLinks.get(String(item.objectId))?.docketId ?? "");
      if (!post) return { leftOut: `the post it leads to (${item.objectId}) was not imported` };
      if (post.status !== "PUBLISHED") return { leftOut: `the post it leads to, “${post.title}”, is not published` };
      return { link: { kind: "url", url: paths.post(post.slug) }, title: post.title };
    }
    if (item.type === "taxonomy") {
      const slug = termSlugs.get(`${item.object}:${item.objectId}`);
      if (!slug) return { leftOut: `the ${item.object} it leads to (term ${item.objectId}) is not in the export` };
      const categoryId = item.object === "category" ? context.categoryIds.get(slug) : undefined;
      if (categoryId) return { link: { kind: "category", categoryId }, title: decodeName(plan.categories.get(slug)?.name || slug) };
      const seriesId = item.object === options.seriesTaxonomy ? context.seriesIds.get(slug) : undefined;
      if (seriesId) return { link: { kind: "series", seriesId }, title: decodeName(plan.series.get(slug)?.name || slug) };
      // A category that became a tag, or a tag: wherever its old archive address leads now.
      const archive = item.object === "category" ? `/category/${slug}/` : item.object === "post_tag" ? `/tag/${slug}/` : null;
      const now = archive ? await findRedirect(archive) : null;
      if (!now) return { leftOut: `Docket has no archive for the ${item.object} “${slug}”` };
      return { link: { kind: "url", url: now }, title: decodeName(plan.tags.get(slug)?.name || plan.categories.get(slug)?.name || slug) };
    }
    if (item.type === "custom") return customTarget(item.url.trim(), plan.siteUrl);
    return { leftOut: `it is a link of the kind “${item.type}”${item.object ? ` (${item.object})` : ""}, which Docket's menus do not have` };
  };

  const byId = new Map(items.map((item) => [item.id, item]));
  const labels = new Map<number, string>();
  const menu: MenuItem[] = [];
  for (const item of items) {
    const found = await target(item);
    const label = (decodeName(item.title) || ("title" in found ? found.title : "")).slice(0, LABEL_MAX).trim();
    labels.set(item.id, label);
    const name = describeItem(item.id, label, "Menu item");
    if ("leftOut" in found) {
      report.count("menu items", "skipped");
      report.problem(`${name} was left out: ${found.leftOut}.`);
      continue;
    }
    if (menu.length >= MENU_ITEMS_MAX) {
      report.count("menu items", "skipped");
      report.problem(`${name} was left out: a menu holds at most ${MENU_ITEMS_MAX} links.`);
      continue;
    }
    const parent = item.parent > 0 ? byId.get(item.parent) : undefined;
    if (parent) report.choice(`${name} was under “${labels.get(parent.id) || plainTitle(parent.title) || parent.id}”; Docket's menus are not nested, so it follows it in the header menu.`);
    if (found.note) report.choice(`${name} ${found.note}.`);
    menu.push({ id: `wp-${item.id}`, label: label || "Link", link: found.link });
  }
  if (menu.length === 0) {
    report.problem(`The menu ${menuName(chosen)} has no link Docket can show, so the header menu ${options.dryRun ? "would be" : "was"} left as it was.`);
    return;
  }
  report.choice(`The menu ${menuName(chosen)} ${options.dryRun ? "would become" : "is now"} the header menu (${menu.length} links), in place of its earlier links.`);
  report.count("menu items", "imported", menu.length);
  if (!options.dryRun) await replaceHeaderMenu(menu);
}
