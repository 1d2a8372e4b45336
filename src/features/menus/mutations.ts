// Writing a menu: one change at a time, read and written under a row lock so two admins' changes
// never overwrite each other.
import "server-only";
import { db } from "@/lib/db";
import { parseStoredMenu } from "./data";
import { DEFAULT_MENUS, menuSettingKey, storedMenuSchema, type MenuItem, type MenuLocation } from "./schema";

/** Applies `change` to the menu's current items and stores the result; returns the new items. */
export async function changeMenu(location: MenuLocation, change: (items: MenuItem[]) => MenuItem[]): Promise<MenuItem[]> {
  const key = menuSettingKey(location);
  return db().$transaction(async (tx) => {
    // The first change starts from the defaults; a row that exists is locked until this commits.
    await tx.setting.createMany({ data: [{ key, value: { items: DEFAULT_MENUS[location] } }], skipDuplicates: true });
    const [row] = await tx.$queryRaw<{ value: unknown }[]>`SELECT value FROM "Setting" WHERE key = ${key} FOR UPDATE`;
    const value = storedMenuSchema.parse({ items: change(parseStoredMenu(row?.value, location)) });
    await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    return value.items;
  });
}
