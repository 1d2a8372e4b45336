import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { describeMenu, listMenuTargetChoices } from "@/features/menus/data";
import { MENU_LOCATIONS, MENU_NAMES, menuTargetValue } from "@/features/menus/schema";
import { MenuEditor } from "@/features/menus/components/MenuEditor";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Menus" };

const WHERE = {
  header: "The links under the site's name at the top of every page.",
  footer: "The links at the foot of every page.",
} as const;

export default async function MenusPage() {
  await requireUser("menus.manage");
  const [choices, ...menus] = await Promise.all([listMenuTargetChoices(), ...MENU_LOCATIONS.map((location) => describeMenu(location))]);
  return (
    <>
      <h1>Menus</h1>
      <p className="form-hint">Readers see a change on their next page. A link to a page that is not published stays hidden until the page is.</p>
      {MENU_LOCATIONS.map((location, index) => (
        <section key={location} aria-labelledby={`${location}-menu-heading`} className="menu-section">
          <h2 id={`${location}-menu-heading`}>{MENU_NAMES[location]}</h2>
          <p className="form-hint">{WHERE[location]}</p>
          <MenuEditor
            menu={location}
            choices={choices}
            items={menus[index].map((item) => ({ id: item.id, label: item.label, leadsTo: item.leadsTo, hiddenBecause: item.hiddenBecause, ...menuTargetValue(item.link) }))}
          />
        </section>
      ))}
    </>
  );
}
