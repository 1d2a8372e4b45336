// Editing the header and footer menus, as commands (src/lib/action.ts): administrators only.
import "server-only";
import { randomBytes } from "node:crypto";
import { defineCommand } from "@/lib/action";
import type { AuditRecord } from "@/lib/audit";
import { tags } from "@/lib/cache-tags";
import { InputError, UserFacingError } from "@/lib/errors";
import { findLinkedTitle } from "./data";
import { changeMenu } from "./mutations";
import { addMenuItemSchema, MENU_ITEMS_MAX, MENU_NAMES, moveMenuItemSchema, removeMenuItemSchema, updateMenuItemSchema, type MenuLink, type MenuLocation } from "./schema";

const GONE = "That link is no longer in the menu: someone may have removed it. Reload the page.";

/** The label to store: the one given, or the linked page's, series' or category's own name. */
async function labelFor(label: string, link: MenuLink): Promise<string> {
  if (link.kind === "url") {
    if (!label) throw new InputError("Give the link a label.", { label: "Give the link a label." });
    return label;
  }
  const title = await findLinkedTitle(link);
  if (title === null) throw new InputError(`That ${link.kind} no longer exists. Choose another.`, { target: `That ${link.kind} no longer exists.` });
  return label || title.slice(0, 60);
}

function menuAudit(action: string, menu: MenuLocation, details: Record<string, string>): AuditRecord {
  return { action: `menu.${action}`, entityType: "Menu", entityId: menu, details };
}

export const addMenuItem = defineCommand({
  access: "menus.manage",
  input: addMenuItemSchema,
  async run({ menu, label, link }) {
    const item = { id: randomBytes(6).toString("hex"), label: await labelFor(label, link), link };
    await changeMenu(menu, (items) => {
      if (items.length >= MENU_ITEMS_MAX) throw new UserFacingError(`A menu holds at most ${MENU_ITEMS_MAX} links. Remove one first.`);
      return [...items, item];
    });
    return { message: `“${item.label}” added to the ${MENU_NAMES[menu].toLowerCase()}.`, tags: [tags.menus], data: { label: item.label } };
  },
  audit: ({ menu }, { data }) => menuAudit("link-added", menu, data),
});

export const updateMenuItem = defineCommand({
  access: "menus.manage",
  input: updateMenuItemSchema,
  async run({ menu, itemId, label, link }) {
    const stored = await labelFor(label, link);
    await changeMenu(menu, (items) => {
      if (!items.some((item) => item.id === itemId)) throw new UserFacingError(GONE);
      return items.map((item) => (item.id === itemId ? { ...item, label: stored, link } : item));
    });
    return { message: `“${stored}” saved.`, tags: [tags.menus], data: { label: stored } };
  },
  audit: ({ menu }, { data }) => menuAudit("link-changed", menu, data),
});

export const moveMenuItem = defineCommand({
  access: "menus.manage",
  input: moveMenuItemSchema,
  async run({ menu, itemId, direction }) {
    let label = "";
    await changeMenu(menu, (items) => {
      const from = items.findIndex((item) => item.id === itemId);
      if (from === -1) throw new UserFacingError(GONE);
      label = items[from].label;
      const to = direction === "up" ? from - 1 : from + 1;
      if (to < 0 || to >= items.length) return items;
      const moved = [...items];
      [moved[from], moved[to]] = [moved[to], moved[from]];
      return moved;
    });
    return { message: `“${label}” moved ${direction}.`, tags: [tags.menus], data: { label } };
  },
  audit: ({ menu, direction }, { data }) => menuAudit("link-moved", menu, { ...data, direction }),
});

export const removeMenuItem = defineCommand({
  access: "menus.manage",
  input: removeMenuItemSchema,
  async run({ menu, itemId }) {
    let label = "";
    await changeMenu(menu, (items) => {
      const item = items.find((candidate) => candidate.id === itemId);
      if (!item) throw new UserFacingError(GONE);
      label = item.label;
      return items.filter((candidate) => candidate.id !== itemId);
    });
    return { message: `“${label}” removed from the ${MENU_NAMES[menu].toLowerCase()}.`, tags: [tags.menus], data: { label } };
  },
  audit: ({ menu }, { data }) => menuAudit("link-removed", menu, data),
});
