// Reading the menus: as stored (the admin), and resolved to links for the reader layout (cached).
import "server-only";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { cacheForReaders } from "@/lib/reader-cache";
import { paths } from "@/lib/seo";
import { DEFAULT_MENUS, linkedId, menuSettingKey, storedMenuSchema, type MenuItem, type MenuLink, type MenuLocation } from "./schema";

/** The stored menu, or Docket's default links while nobody has edited it. */
export function parseStoredMenu(stored: unknown, location: MenuLocation): MenuItem[] {
  if (stored === undefined || stored === null) return DEFAULT_MENUS[location];
  const parsed = storedMenuSchema.safeParse(stored);
  return parsed.success ? parsed.data.items : DEFAULT_MENUS[location];
}

export async function readMenu(location: MenuLocation): Promise<MenuItem[]> {
  const row = await db().setting.findUnique({ where: { key: menuSettingKey(location) } });
  return parseStoredMenu(row?.value, location);
}

const KIND_NAMES = { page: "Page", series: "Series", category: "Category", url: "Address" } as const;

/** Where a link leads, its target's name, and why readers would not see it (null when they do). */
type Resolved = { path: string; title: string; hiddenBecause: string | null };

/** Looks up every page, series and category the items name, in three queries. */
async function resolverFor(items: MenuItem[]): Promise<(link: MenuLink) => Resolved> {
  const idsOf = (kind: MenuLink["kind"]) => items.flatMap(({ link }) => (link.kind === kind ? [linkedId(link) as string] : []));
  const [pages, series, categories] = await Promise.all([
    db().page.findMany({ where: { id: { in: idsOf("page") } }, select: { id: true, slug: true, title: true, status: true } }),
    db().series.findMany({ where: { id: { in: idsOf("series") } }, select: { id: true, slug: true, title: true } }),
    db().category.findMany({ where: { id: { in: idsOf("category") } }, select: { id: true, slug: true, name: true } }),
  ]);
  const found = new Map<string, Resolved>([
    ...pages.map((page): [string, Resolved] => [
      page.id,
      { path: paths.page(page.slug), title: page.title, hiddenBecause: page.status === "PUBLISHED" ? null : "the page is not published" },
    ]),
    ...series.map((entry): [string, Resolved] => [entry.id, { path: paths.series(entry.slug), title: entry.title, hiddenBecause: null }]),
    ...categories.map((entry): [string, Resolved] => [entry.id, { path: paths.category(entry.slug), title: entry.name, hiddenBecause: null }]),
  ]);
  return (link) => {
    if (link.kind === "url") return { path: link.url, title: link.url, hiddenBecause: null };
    return found.get(linkedId(link) as string) ?? { path: "", title: "", hiddenBecause: `the ${link.kind} it led to was deleted` };
  };
}

export type MenuLinkView = { label: string; href: string; external: boolean };

/**
 * The links the reader layout shows, in order. A link to a page that is not published, or to a
 * series or category that no longer exists, is left out.
 */
export async function getMenuLinks(location: MenuLocation): Promise<MenuLinkView[]> {
  "use cache";
  cacheForReaders(tags.menus, tags.pages, tags.allSeries, tags.categories);
  const items = await readMenu(location);
  const resolve = await resolverFor(items);
  return items.flatMap((item) => {
    const target = resolve(item.link);
    return target.hiddenBecause ? [] : [{ label: item.label, href: target.path, external: !target.path.startsWith("/") }];
  });
}

export type MenuItemDescription = MenuItem & { leadsTo: string; hiddenBecause: string | null };

/** The admin's view: every item, what it leads to, and why a reader would not see it. */
export async function describeMenu(location: MenuLocation): Promise<MenuItemDescription[]> {
  const items = await readMenu(location);
  const resolve = await resolverFor(items);
  return items.map((item) => {
    const target = resolve(item.link);
    const leadsTo = item.link.kind === "url" ? target.path : target.path ? `${KIND_NAMES[item.link.kind]} “${target.title}” (${target.path})` : "nothing";
    return { ...item, leadsTo, hiddenBecause: target.hiddenBecause };
  });
}

export type MenuTargetChoices = {
  pages: { id: string; title: string; published: boolean }[];
  series: { id: string; title: string }[];
  categories: { id: string; name: string }[];
};

/** What a menu link may lead to, for the admin's "Links to" list. */
export async function listMenuTargetChoices(): Promise<MenuTargetChoices> {
  const [pages, series, categories] = await Promise.all([
    db().page.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true, status: true } }),
    db().series.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true } }),
    db().category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { pages: pages.map((page) => ({ id: page.id, title: page.title, published: page.status === "PUBLISHED" })), series, categories };
}

/** The title of the page, series or category a link names, or null when there is no such thing. */
export async function findLinkedTitle(link: Exclude<MenuLink, { kind: "url" }>): Promise<string | null> {
  switch (link.kind) {
    case "page":
      return (await db().page.findUnique({ where: { id: link.pageId }, select: { title: true } }))?.title ?? null;
    case "series":
      return (await db().series.findUnique({ where: { id: link.seriesId }, select: { title: true } }))?.title ?? null;
    case "category":
      return (await db().category.findUnique({ where: { id: link.categoryId }, select: { name: true } }))?.name ?? null;
  }
}
