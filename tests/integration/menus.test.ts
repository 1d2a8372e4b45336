// The header and footer menus: each command and its refusals, the addresses a link may have, and
// what the reader layout gets (unpublished pages and deleted targets left out).
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import { db } from "@/lib/db";
import { tags } from "@/lib/cache-tags";
import { addMenuItem, moveMenuItem, removeMenuItem, updateMenuItem } from "@/features/menus/commands";
import { describeMenu, getMenuLinks, readMenu } from "@/features/menus/data";
import { DEFAULT_MENUS, isMenuAddress, MENU_ITEMS_MAX } from "@/features/menus/schema";
import { createCast, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let aboutId: string;
let draftId: string;
let seriesId: string;
let categoryId: string;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
  aboutId = (await db().page.create({ data: { slug: "about", title: "About us", status: "PUBLISHED", publishedAt: new Date() } })).id;
  draftId = (await db().page.create({ data: { slug: "coming-soon", title: "Coming soon" } })).id;
  seriesId = (await db().series.create({ data: { slug: "why-i-tweet", title: "Why I tweet" } })).id;
  categoryId = (await db().category.create({ data: { slug: "probation", name: "Probation" } })).id;
});

const labels = async (menu: "header" | "footer") => (await readMenu(menu)).map((item) => item.label);

describe("the menus before anyone edits them", () => {
  it("are Docket's usual links", async () => {
    expect(await getMenuLinks("header")).toEqual([
      { label: "Latest", href: "/", external: false },
      { label: "Series", href: "/series", external: false },
      { label: "Search", href: "/search", external: false },
    ]);
    expect((await getMenuLinks("footer")).map((link) => link.href)).toEqual(DEFAULT_MENUS.footer.map((item) => (item.link.kind === "url" ? item.link.url : "")));
  });
});

describe("editing a menu", () => {
  it("adds links to a page, a series, a category and an address, each with the tag readers' pages carry", async () => {
    const added = await runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "", target: `page:${aboutId}`, url: "" });
    expect(added).toMatchObject({ message: "“About us” added to the header menu.", tags: [tags.menus] });
    await runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "The tweeting series", target: `series:${seriesId}` });
    await runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "", target: `category:${categoryId}` });
    await runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "Our charity", target: "url", url: "https://charity.example.org/about?x=1" });
    await runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "Feed", target: "url", url: "/feed.xml" });
    expect((await getMenuLinks("header")).slice(3)).toEqual([
      { label: "About us", href: "/about", external: false },
      { label: "The tweeting series", href: "/series/why-i-tweet", external: false },
      { label: "Probation", href: "/categories/probation", external: false },
      { label: "Our charity", href: "https://charity.example.org/about?x=1", external: true },
      { label: "Feed", href: "/feed.xml", external: false },
    ]);
    expect(await db().auditLog.count({ where: { entityType: "Menu", entityId: "header", action: "menu.link-added" } })).toBe(5);
  });

  it("moves a link up and down, and keeps it in place at either end", async () => {
    const [first, second] = await readMenu("header");
    await runCommand(moveMenuItem, cast.ADMIN, { menu: "header", itemId: second.id, direction: "up" });
    expect((await labels("header")).slice(0, 2)).toEqual([second.label, first.label]);
    await runCommand(moveMenuItem, cast.ADMIN, { menu: "header", itemId: second.id, direction: "up" });
    expect((await labels("header")).slice(0, 2)).toEqual([second.label, first.label]);
    await runCommand(moveMenuItem, cast.ADMIN, { menu: "header", itemId: second.id, direction: "down" });
    expect((await labels("header")).slice(0, 2)).toEqual([first.label, second.label]);
  });

  it("renames a link and changes where it leads", async () => {
    const item = (await readMenu("header")).find((candidate) => candidate.label === "Feed")!;
    await runCommand(updateMenuItem, cast.ADMIN, { menu: "header", itemId: item.id, label: "News feed", target: "url", url: "/atom.xml" });
    expect((await getMenuLinks("header")).find((link) => link.label === "News feed")).toEqual({ label: "News feed", href: "/atom.xml", external: false });
    await expect(runCommand(updateMenuItem, cast.ADMIN, { menu: "header", itemId: item.id, label: "", target: "url", url: "/atom.xml" })).rejects.toMatchObject({
      fieldErrors: { label: "Give the link a label." },
    });
  });

  it("removes a link, and says so when it was already gone", async () => {
    const item = (await readMenu("header")).find((candidate) => candidate.label === "News feed")!;
    await expect(runCommand(removeMenuItem, cast.ADMIN, { menu: "header", itemId: item.id })).resolves.toMatchObject({ message: "“News feed” removed from the header menu." });
    expect(await labels("header")).not.toContain("News feed");
    await expect(runCommand(removeMenuItem, cast.ADMIN, { menu: "header", itemId: item.id })).rejects.toMatchObject({ message: expect.stringMatching(/no longer in the menu/) });
    await expect(runCommand(moveMenuItem, cast.ADMIN, { menu: "header", itemId: item.id, direction: "up" })).rejects.toMatchObject({ message: expect.stringMatching(/no longer in the menu/) });
  });

  it("keeps the footer apart from the header", async () => {
    await runCommand(addMenuItem, cast.ADMIN, { menu: "footer", label: "About", target: `page:${aboutId}` });
    expect(await labels("footer")).toEqual([...DEFAULT_MENUS.footer.map((item) => item.label), "About"]);
  });

  it("never loses a change when two are made at once", async () => {
    await Promise.all(["One", "Two", "Three"].map((label) => runCommand(addMenuItem, cast.ADMIN, { menu: "footer", label, target: "url", url: `/${label.toLowerCase()}` })));
    expect(await labels("footer")).toEqual(expect.arrayContaining(["One", "Two", "Three"]));
  });
});

describe("what a link may lead to", () => {
  it("accepts a path on this site or an http(s) address, nothing else", () => {
    for (const ok of ["/", "/series", "/search?q=prisons", "/about#team", "https://example.org", "http://example.org/a?b=c"]) expect(isMenuAddress(ok), ok).toBe(true);
    for (const bad of ["", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example", "/\\evil.example", "ftp://example.org", "mailto:a@b.c", "about", "https://user:pw@example.org", "/has space", "/tab\there", `/${"a".repeat(600)}`]) {
      expect(isMenuAddress(bad), bad).toBe(false);
    }
  });

  it("refuses a bad address, a missing choice, and a page, series or category that does not exist, with messages for the form", async () => {
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "Evil", target: "url", url: "javascript:alert(1)" })).rejects.toMatchObject({
      fieldErrors: { url: "Give a path on this site, like /series, or a full address starting with https://." },
    });
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "Nowhere", target: "url", url: "" })).rejects.toMatchObject({ fieldErrors: { url: "Give the address the link leads to." } });
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "Nothing", target: "" })).rejects.toMatchObject({ fieldErrors: { target: "Choose what the link leads to." } });
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "", target: "url", url: "/x" })).rejects.toMatchObject({ fieldErrors: { label: "Give the link a label." } });
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "Gone", target: "page:no-such-page" })).rejects.toMatchObject({ fieldErrors: { target: "That page no longer exists." } });
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "Gone", target: "category:nope" })).rejects.toMatchObject({ fieldErrors: { target: "That category no longer exists." } });
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "sidebar", label: "x", target: "url", url: "/" })).rejects.toMatchObject({ fieldErrors: { menu: "Choose the header or the footer menu." } });
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "header", label: "x".repeat(61), target: "url", url: "/" })).rejects.toMatchObject({ fieldErrors: { label: "A label must be at most 60 characters." } });
  });

  it("holds at most 20 links a menu", async () => {
    await db().setting.deleteMany({ where: { key: "menu:footer" } });
    for (let index = DEFAULT_MENUS.footer.length; index < MENU_ITEMS_MAX; index++) await runCommand(addMenuItem, cast.ADMIN, { menu: "footer", label: `Link ${index}`, target: "url", url: `/l${index}` });
    await expect(runCommand(addMenuItem, cast.ADMIN, { menu: "footer", label: "One too many", target: "url", url: "/x" })).rejects.toMatchObject({ message: "A menu holds at most 20 links. Remove one first." });
    expect(await readMenu("footer")).toHaveLength(MENU_ITEMS_MAX);
  });
});

describe("what readers see", () => {
  it("leaves out a link to a page that is not published, or to a category that was deleted, and tells the admin why", async () => {
    await db().setting.deleteMany({ where: { key: "menu:footer" } });
    const doomed = await db().category.create({ data: { slug: "doomed", name: "Doomed" } });
    await runCommand(addMenuItem, cast.ADMIN, { menu: "footer", label: "", target: `page:${draftId}` });
    await runCommand(addMenuItem, cast.ADMIN, { menu: "footer", label: "", target: `category:${doomed.id}` });
    await db().category.delete({ where: { id: doomed.id } });
    const hrefs = (await getMenuLinks("footer")).map((link) => link.href);
    expect(hrefs).not.toContain("/coming-soon");
    expect(hrefs).not.toContain("/categories/doomed");
    const described = await describeMenu("footer");
    expect(described.find((item) => item.label === "Coming soon")).toMatchObject({ leadsTo: "Page “Coming soon” (/coming-soon)", hiddenBecause: "the page is not published" });
    expect(described.find((item) => item.label === "Doomed")).toMatchObject({ leadsTo: "nothing", hiddenBecause: "the category it led to was deleted" });

    await db().page.update({ where: { id: draftId }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    expect((await getMenuLinks("footer")).map((link) => link.href)).toContain("/coming-soon");
  });
});

describe("who may edit menus", () => {
  it("refuses editors, authors, guests and the signed out, changing nothing", async () => {
    const before = await readMenu("header");
    for (const user of [cast.EDITOR, cast.AUTHOR, cast.GUEST]) {
      await expect(runCommand(addMenuItem, user, { menu: "header", label: "x", target: "url", url: "/" })).rejects.toMatchObject({ failure: "FORBIDDEN" });
      await expect(runCommand(removeMenuItem, user, { menu: "header", itemId: before[0].id })).rejects.toMatchObject({ failure: "FORBIDDEN" });
    }
    await expect(runCommand(moveMenuItem, null, { menu: "header", itemId: before[0].id, direction: "down" })).rejects.toMatchObject({ failure: "SIGNED_OUT" });
    expect(await readMenu("header")).toEqual(before);
  });
});
