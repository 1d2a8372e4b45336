// The authorization matrix for static pages, menus and site settings: every command × every role and
// signed out × (for pages) own and someone else's page in each state. A refusal changes nothing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@/lib/action";
import type { SessionUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { AuthorizationError } from "@/lib/errors";
import { attachPageDownload, createPage, deletePage, publishPage, removeDownload, restorePageRevision, unpublishPage } from "@/features/pages/commands";
import { addMenuItem, moveMenuItem, removeMenuItem, updateMenuItem } from "@/features/menus/commands";
import { readMenu } from "@/features/menus/data";
import { saveSiteSettings } from "@/features/site/commands";
import { readSiteSettings } from "@/features/site/data";
import { siteSettingsFormValues } from "@/features/site/settings-form-values";
import { storeUploadedDocument } from "@/features/media/mutations";
import type { PageStatus } from "@/generated/prisma/enums";
import { createCast, openEditorialTestDatabase, useTestSettings, type Actor, editPage } from "./editorial-fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let pdf: Buffer;

beforeAll(async () => {
  await useTestSettings();
  await openEditorialTestDatabase();
  cast = await createCast();
  pdf = await readFile(path.join(import.meta.dirname, "../fixtures/documents/guide.pdf"));
});

let counter = 0;
/** A page by `owner` in `status`, with text, a revision and a download. */
async function createTestPage(owner: SessionUser, status: PageStatus) {
  counter += 1;
  const page = await db().page.create({
    data: {
      slug: `matrix-${counter}`,
      title: `Matrix ${counter}`,
      bodyMarkdown: "Words.",
      status,
      publishedAt: status === "DRAFT" ? null : new Date(),
      createdById: owner.id,
      revisions: { create: { number: 1, slug: `matrix-${counter}`, title: `Matrix ${counter}`, bodyMarkdown: "Words.", authorId: owner.id } },
    },
    select: { id: true, revisions: { select: { id: true } } },
  });
  const stored = await storeUploadedDocument(pdf, "guide.pdf", owner.id);
  const download = await db().pageDownload.create({ data: { pageId: page.id, mediaAssetId: stored.assetId, title: "Guide" } });
  return { id: page.id, revisionId: page.revisions[0].id, downloadId: download.id };
}

type TestPage = Awaited<ReturnType<typeof createTestPage>>;
type Case = { command: string; status: PageStatus; run: (user: SessionUser | null, page: TestPage) => Promise<unknown>; own: Actor[]; others: Actor[] };

const editors: Actor[] = ["ADMIN", "EDITOR"];
const writers: Actor[] = ["ADMIN", "EDITOR", "AUTHOR"];
const pdfFile = () => new File([new Uint8Array(pdf)], "guide.pdf", { type: "application/pdf" });

const cases: Case[] = [
  { command: "savePage on a draft", status: "DRAFT", run: (user, page) => editPage(user, { pageId: page.id, title: "Edited", bodyMarkdown: "Edited." }), own: writers, others: editors },
  { command: "savePage on an unpublished page", status: "UNPUBLISHED", run: (user, page) => editPage(user, { pageId: page.id, title: "Edited" }), own: writers, others: editors },
  { command: "savePage on a published page", status: "PUBLISHED", run: (user, page) => editPage(user, { pageId: page.id, title: "Edited" }), own: editors, others: editors },
  { command: "publishPage", status: "DRAFT", run: (user, page) => runCommand(publishPage, user, { pageId: page.id }), own: editors, others: editors },
  { command: "publishPage again", status: "UNPUBLISHED", run: (user, page) => runCommand(publishPage, user, { pageId: page.id }), own: editors, others: editors },
  { command: "unpublishPage", status: "PUBLISHED", run: (user, page) => runCommand(unpublishPage, user, { pageId: page.id }), own: editors, others: editors },
  { command: "deletePage on a draft", status: "DRAFT", run: (user, page) => runCommand(deletePage, user, { pageId: page.id }), own: writers, others: editors },
  { command: "deletePage on an unpublished page", status: "UNPUBLISHED", run: (user, page) => runCommand(deletePage, user, { pageId: page.id }), own: editors, others: editors },
  { command: "deletePage on a published page", status: "PUBLISHED", run: (user, page) => runCommand(deletePage, user, { pageId: page.id }), own: [], others: [] },
  { command: "restorePageRevision", status: "DRAFT", run: (user, page) => runCommand(restorePageRevision, user, { pageId: page.id, revisionId: page.revisionId }), own: writers, others: editors },
  { command: "restorePageRevision on a published page", status: "PUBLISHED", run: (user, page) => runCommand(restorePageRevision, user, { pageId: page.id, revisionId: page.revisionId }), own: editors, others: editors },
  { command: "attachPageDownload", status: "DRAFT", run: (user, page) => runCommand(attachPageDownload, user, { pageId: page.id, title: "", file: pdfFile() }), own: writers, others: editors },
  { command: "attachPageDownload on a published page", status: "PUBLISHED", run: (user, page) => runCommand(attachPageDownload, user, { pageId: page.id, title: "", file: pdfFile() }), own: editors, others: editors },
  { command: "removeDownload", status: "DRAFT", run: (user, page) => runCommand(removeDownload, user, { downloadId: page.downloadId }), own: writers, others: editors },
  { command: "removeDownload on a published page", status: "PUBLISHED", run: (user, page) => runCommand(removeDownload, user, { downloadId: page.downloadId }), own: editors, others: editors },
];

const actors: (Actor | "signed out")[] = ["ADMIN", "EDITOR", "AUTHOR", "GUEST", "signed out"];

/** Everything about a page a refused command must leave as it was. */
const snapshot = (pageId: string) =>
  db().page.findUnique({ where: { id: pageId }, select: { status: true, title: true, slug: true, bodyMarkdown: true, updatedAt: true, _count: { select: { revisions: true, downloads: true } } } });

describe.each(cases)("$command", (testCase) => {
  for (const actor of actors) {
    for (const whose of ["own", "other's"] as const) {
      const allowed = actor !== "signed out" && (whose === "own" ? testCase.own : testCase.others).includes(actor);
      it(`${actor} on ${whose} page: ${allowed ? "allowed" : "refused"}`, async () => {
        const user = actor === "signed out" ? null : cast[actor];
        const owner = whose === "own" && user ? user : cast.OTHER;
        const page = await createTestPage(owner, testCase.status);
        const before = await snapshot(page.id);
        const outcome = testCase.run(user, page);
        if (allowed) {
          await expect(outcome).resolves.toBeDefined();
        } else {
          await expect(outcome).rejects.toBeInstanceOf(AuthorizationError);
          expect(await snapshot(page.id)).toEqual(before);
        }
      });
    }
  }
});

describe("commands for the whole site", () => {
  const admins: Actor[] = ["ADMIN"];
  const siteCases: { command: string; allowed: Actor[]; run: (user: SessionUser | null) => Promise<unknown> }[] = [
    { command: "createPage", allowed: writers, run: (user) => runCommand(createPage, user, { title: `Fresh ${++counter}` }) },
    { command: "addMenuItem", allowed: admins, run: (user) => runCommand(addMenuItem, user, { menu: "footer", label: `Link ${++counter}`, target: "url", url: "/series" }) },
    {
      command: "updateMenuItem",
      allowed: admins,
      run: async (user) => runCommand(updateMenuItem, user, { menu: "header", itemId: (await readMenu("header"))[0].id, label: "Latest", target: "url", url: "/" }),
    },
    { command: "moveMenuItem", allowed: admins, run: async (user) => runCommand(moveMenuItem, user, { menu: "header", itemId: (await readMenu("header"))[0].id, direction: "down" }) },
    {
      command: "removeMenuItem",
      allowed: admins,
      run: async (user) => {
        const menu = await readMenu("footer");
        return runCommand(removeMenuItem, user, { menu: "footer", itemId: menu[menu.length - 1].id });
      },
    },
    { command: "saveSiteSettings", allowed: admins, run: async (user) => runCommand(saveSiteSettings, user, { ...siteSettingsFormValues(await readSiteSettings()), tagline: `Tagline ${++counter}` }) },
  ];
  describe.each(siteCases)("$command", ({ allowed, run }) => {
    it.each(actors)("as %s", async (actor) => {
      const settingsBefore = await db().setting.findMany({ orderBy: { key: "asc" } });
      const outcome = run(actor === "signed out" ? null : cast[actor]);
      if (actor !== "signed out" && allowed.includes(actor)) {
        await expect(outcome).resolves.toBeDefined();
      } else {
        await expect(outcome).rejects.toBeInstanceOf(AuthorizationError);
        expect(await db().setting.findMany({ orderBy: { key: "asc" } })).toEqual(settingsBefore);
      }
    });
  });
});
