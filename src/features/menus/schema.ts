// The header and footer menus: each an ordered list of labelled links to a page, a series, a
// category, or any address (a path on this site or an http(s) URL).
import { z } from "zod";
import { LABEL_MAX, URL_MAX } from "./limits";

export const MENU_LOCATIONS = ["header", "footer"] as const;
export type MenuLocation = (typeof MENU_LOCATIONS)[number];

export const MENU_NAMES: Record<MenuLocation, string> = { header: "Header menu", footer: "Footer menu" };

export const MENU_ITEMS_MAX = 20;

export const menuSettingKey = (location: MenuLocation) => `menu:${location}`;

/** An address a menu may link to: a path on this site ("/series", "/search?q=prisons") or an http(s) URL. */
export function isMenuAddress(text: string): boolean {
  if (text.length === 0 || text.length > URL_MAX || /[\s\u0000-\u001f\u007f\\]/.test(text)) return false;
  if (text.startsWith("/")) return !text.startsWith("//");
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0 && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

const id = z.string().trim().min(1).max(40);

export const menuLinkSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("page"), pageId: id }),
  z.object({ kind: z.literal("series"), seriesId: id }),
  z.object({ kind: z.literal("category"), categoryId: id }),
  z.object({ kind: z.literal("url"), url: z.string().refine(isMenuAddress) }),
]);
export type MenuLink = z.output<typeof menuLinkSchema>;

export const menuItemSchema = z.object({ id, label: z.string().trim().min(1).max(LABEL_MAX), link: menuLinkSchema });
export type MenuItem = z.output<typeof menuItemSchema>;

export const storedMenuSchema = z.object({ items: z.array(menuItemSchema).max(MENU_ITEMS_MAX) });

/** What a site has before anyone edits its menus: the links Docket always had. */
export const DEFAULT_MENUS: Record<MenuLocation, MenuItem[]> = {
  header: [
    { id: "latest", label: "Latest", link: { kind: "url", url: "/" } },
    { id: "series", label: "Series", link: { kind: "url", url: "/series" } },
    { id: "search", label: "Search", link: { kind: "url", url: "/search" } },
  ],
  footer: [
    { id: "rss", label: "RSS feed", link: { kind: "url", url: "/feed.xml" } },
    { id: "atom", label: "Atom feed", link: { kind: "url", url: "/atom.xml" } },
    { id: "all-series", label: "All series", link: { kind: "url", url: "/series" } },
    { id: "sitemap", label: "Sitemap", link: { kind: "url", url: "/sitemap.xml" } },
  ],
};

// ---------- the admin's forms ----------

const location = z.enum(MENU_LOCATIONS, { error: "Choose the header or the footer menu." });

/**
 * The form's "Links to" choice: "page:<id>", "series:<id>", "category:<id>", or "url" with the
 * address in its own field.
 */
export const menuTargetSchema = z
  .object({
    target: z.string({ error: "Choose what the link leads to." }).trim().min(1, "Choose what the link leads to."),
    url: z.string().trim().default(""),
  })
  .transform(({ target, url }, context): MenuLink => {
    if (target === "url") {
      if (!isMenuAddress(url)) {
        context.addIssue({
          code: "custom",
          path: ["url"],
          message: url === "" ? "Give the address the link leads to." : "Give a path on this site, like /series, or a full address starting with https://.",
        });
        return z.NEVER;
      }
      return { kind: "url", url };
    }
    const [kind, targetId] = target.split(":", 2);
    if (targetId && kind === "page") return { kind, pageId: targetId };
    if (targetId && kind === "series") return { kind, seriesId: targetId };
    if (targetId && kind === "category") return { kind, categoryId: targetId };
    context.addIssue({ code: "custom", path: ["target"], message: "Choose what the link leads to." });
    return z.NEVER;
  });

const label = z.string().trim().max(LABEL_MAX, `A label must be at most ${LABEL_MAX} characters.`).default("");

/** Adding a link; an empty label takes the page's, series' or category's own title. */
export const addMenuItemSchema = z
  .object({ menu: location, label, target: z.string().default(""), url: z.string().default("") })
  .transform((fields, context) => {
    const link = menuTargetSchema.safeParse(fields);
    if (!link.success) {
      for (const issue of link.error.issues) context.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { menu: fields.menu, label: fields.label, link: link.data };
  });

export const updateMenuItemSchema = z
  .object({ menu: location, itemId: id, label: z.string().trim().min(1, "Give the link a label.").max(LABEL_MAX, `A label must be at most ${LABEL_MAX} characters.`), target: z.string().default(""), url: z.string().default("") })
  .transform((fields, context) => {
    const link = menuTargetSchema.safeParse(fields);
    if (!link.success) {
      for (const issue of link.error.issues) context.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { menu: fields.menu, itemId: fields.itemId, label: fields.label, link: link.data };
  });

export const moveMenuItemSchema = z.object({ menu: location, itemId: id, direction: z.enum(["up", "down"]) });
export const removeMenuItemSchema = z.object({ menu: location, itemId: id });

/** The id of the page, series or category a link names; null for an address. */
export function linkedId(link: MenuLink): string | null {
  return link.kind === "page" ? link.pageId : link.kind === "series" ? link.seriesId : link.kind === "category" ? link.categoryId : null;
}

/** The "Links to" value of a stored link, for the form. */
export function menuTargetValue(link: MenuLink): { target: string; url: string } {
  switch (link.kind) {
    case "page":
      return { target: `page:${link.pageId}`, url: "" };
    case "series":
      return { target: `series:${link.seriesId}`, url: "" };
    case "category":
      return { target: `category:${link.categoryId}`, url: "" };
    case "url":
      return { target: "url", url: link.url };
  }
}
