// Importing a WordPress export: `npm run import:wordpress` and the admin's Import page both run this.
// The folder tells the story: ../wxr/ reads (and writes) the format, this folder turns an export into
// Docket's things, ../export/ writes Docket as an export.
//
// Two passes over the file. The first (plan.ts) reads it whole and writes nothing: a malformed file, or one
// that is not a WordPress export, stops here. Then each kind has one function: importAuthor (bylines),
// importTerms (categories, tags, series), the attachments' files (MediaImporter.bring in media.ts, which
// also brings in every file a post or page names), then in the second pass importPost with its
// importComment, and importPage (pages.ts). Each post is written in its own transaction through the post
// store (../mutations.ts): a bad item is reported with its id and title and the rest go on. Last, when
// asked, the export's menu becomes the header menu (importHeaderMenu in pages.ts).
//
// Re-runnable: every WordPress thing is linked to what it became (WordPressLink, keyed on the site's address
// and the item's id), so the next run updates what changed, skips what did not (a checksum of the item), and
// adds what is new. A dry run does all the reading and converting, writes nothing, and counts what the
// real run would.
import { stat } from "node:fs/promises";
import { hashIp } from "@/features/comments/signing";
import { tags } from "@/lib/cache-tags";
import { saveRedirects, type RedirectRow, type RedirectTarget } from "@/lib/redirect-table";
import { invalidateTags } from "@/lib/revalidate";
import { slugify } from "@/lib/slug";
import { findLink, findRedirectRows, findUsersByEmail, listPostSlugs, loadLinks } from "../data";
import { itemMarkdown } from "./item-content";
import { MediaImporter } from "./media";
import { importHeaderMenu, importPage } from "./pages";
import {
  admittedStatus,
  bylineName,
  coAuthorNameFromTerm,
  commentMarkdown,
  commentsParentsFirst,
  itemChecksum,
  mapCommentStatus,
  plainTitle,
  postDate,
  slugFor,
  standfirstFrom,
} from "./mapping";
import { chooseCategory, decodeName, docketCategorySlug, metaValue, permalinkPath, planImport, sitePath, type ImportOptions, type ImportPlan } from "./plan";
import { detached } from "../detached-string";
import { queryAddress, storable, withSlash } from "./old-addresses";
import { describeItem, ImportReportBuilder, reasonOf, type ImportReport } from "./report";
import {
  linkOrCreateByline,
  linkOrCreateCategory,
  linkOrCreateSeries,
  linkOrCreateTag,
  writeImportedPost,
  type ImportedComment,
  type ImportedPost,
} from "../mutations";
import { readWxrFile } from "../wxr/reader";
import type { WxrComment, WxrItem } from "../wxr/types";

export type WordPressImportOptions = ImportOptions & {
  dryRun: boolean;
  /** A local copy of the old site's wp-content/uploads folder. */
  mediaFolder: string | null;
  /** Hosts whose files are the old site's media, besides those the export shows (--media-host). */
  mediaHosts: string[];
  downloadMedia: boolean;
  /** Make the export's menu the header menu. */
  headerMenu: boolean;
  /**
   * WordPress authors (by login) the admin chose, in the author step, to link to the Docket login with
   * the same email address (features/wordpress/import/author-step.ts). No other author is linked to a login.
   */
  linkLogins: string[];
  onProgress?: (progress: { phase: "reading" | "importing"; done: number; total: number }) => void;
};

export const DEFAULT_IMPORT_OPTIONS: WordPressImportOptions = {
  seriesTaxonomy: "series",
  taxonomiesAsTags: [],
  categoryMap: null,
  skipPingbacks: false,
  dryRun: false,
  mediaFolder: null,
  mediaHosts: [],
  downloadMedia: false,
  headerMenu: false,
  linkLogins: [],
};

/** Posts written at once (each its own transaction and database connection; the pool has ten). */
const POSTS_IN_FLIGHT = 6;

/** Changing how an item is mapped changes every checksum, so a run with other options updates every post. */
const MAPPING_VERSION = "1";

type Context = {
  plan: ImportPlan;
  options: WordPressImportOptions;
  report: ImportReportBuilder;
  media: MediaImporter;
  bylineByLogin: Map<string, string>;
  userIdByWpUserId: Map<number, string>;
  fallbackBylineId: string | null;
  categoryIds: Map<string, string>;
  tagIds: Map<string, string>;
  seriesIds: Map<string, string>;
  postLinks: Map<string, { docketId: string; checksum: string | null }>;
  /** The WordPress ids of the posts this run has taken up: a file that repeats an item never makes two posts. */
  writtenThisRun: Set<number>;
  /** Every post's slug and id when the run started, and the slugs this run has taken. */
  postSlugs: Map<string, string>;
  optionsSignature: string;
  uncategorized: number;
  pingbacksSkipped: number;
  pingbacksKept: number;
  /** Old archive addresses (categories, tags, authors, series), written together once their targets exist. */
  archiveRedirects: RedirectRow[];
  pageLinks: Map<string, { docketId: string; checksum: string | null }>;
  writtenPagesThisRun: Set<number>;
  writtenPageSlugs: Set<string>;
};

/** The first pass over the file: everything read, nothing written (a malformed file stops here). */
export async function planWordPressImport(path: string, options: WordPressImportOptions): Promise<ImportPlan> {
  const { size } = await stat(path);
  return planImport(path, options, (bytes) => options.onProgress?.({ phase: "reading", done: bytes, total: size }));
}

/**
 * Runs an import of the WXR file at `path` (planned already, or planned here); the report says what it did
 * (or, in a dry run, would do).
 */
export async function importWordPressFile(path: string, options: WordPressImportOptions, planned?: ImportPlan): Promise<ImportReport> {
  const started = Date.now();
  const plan = planned ?? (await planWordPressImport(path, options));
  const report = new ImportReportBuilder(options.dryRun);
  const context: Context = {
    plan,
    options,
    report,
    media: new MediaImporter(plan.siteUrl, { folder: options.mediaFolder, download: options.downloadMedia }, await loadLinks(plan.siteUrl, "file").then((links) => new Map([...links].map(([url, link]) => [url, link.docketId]))), {
      dryRun: options.dryRun,
      problem: (line) => report.problem(line),
      hosts: [...options.mediaHosts, ...plan.mediaHosts],
    }),
    bylineByLogin: new Map(),
    userIdByWpUserId: new Map(),
    fallbackBylineId: null,
    categoryIds: new Map(),
    tagIds: new Map(),
    seriesIds: new Map(),
    postLinks: await loadLinks(plan.siteUrl, "post"),
    writtenThisRun: new Set(),
    postSlugs: await listPostSlugs(),
    optionsSignature: JSON.stringify([MAPPING_VERSION, options.seriesTaxonomy, options.taxonomiesAsTags, options.skipPingbacks, options.categoryMap ? [options.categoryMap.order, [...options.categoryMap.target]] : null]),
    uncategorized: 0,
    pingbacksSkipped: 0,
    pingbacksKept: 0,
    archiveRedirects: [],
    pageLinks: await loadLinks(plan.siteUrl, "page"),
    writtenPagesThisRun: new Set(),
    writtenPageSlugs: new Set(),
  };

  reportFile(context);
  await importBylines(context);
  await importTerms(context);
  await importAttachmentFiles(context);
  await importItems(path, context);
  await importHeaderMenu(context);
  summarise(context);
  if (!options.dryRun) {
    const pageTags = [tags.pages, tags.menus, ...[...context.writtenPageSlugs].map((slug) => tags.page(slug))];
    await invalidateTags([tags.site, tags.posts, tags.allSeries, tags.authors, tags.categories, tags.postTags, tags.allComments, tags.redirects, ...pageTags]).catch(() => {
      report.problem("The running site could not be told to refresh its pages: they update within two minutes.");
    });
  }
  report.report.seconds = (Date.now() - started) / 1000;
  return report.report;
}

function reportFile({ plan, report }: Context) {
  if (plan.encoding !== "utf-8") report.choice(`The file is encoded as ${plan.encoding}; its text was converted to Unicode.`);
  if (plan.invalidByteSequences > 0) report.problem(`The file has ${plan.invalidByteSequences} byte sequences that are not valid UTF-8: each was read as “�”.`);
  for (const problem of plan.problems) {
    const what = problem.record === "comment" ? `Comment ${problem.id ?? "(no id)"} of item ${problem.itemId ?? "?"}` : `${problem.record[0].toUpperCase()}${problem.record.slice(1)} ${problem.id ?? "(no id)"}${problem.title ? ` “${problem.title}”` : ""}`;
    report.problem(`${what} (line ${problem.line}) could not be read and was skipped: ${problem.message}`);
  }
}

// ---------- old addresses ----------

/** An archive's old addresses (each base, its feeds, and its query address) leading to `target`. */
function archiveRows(bases: string[], queryPath: string | null, target: RedirectTarget, feeds: { rss: string; atom: string }): RedirectRow[] {
  const rows: RedirectRow[] = [];
  for (const base of new Set(bases.map(withSlash))) {
    rows.push({ fromPath: base, target });
    rows.push({ fromPath: `${base}feed/`, target, suffix: feeds.rss });
    rows.push({ fromPath: `${base}feed/rss2/`, target, suffix: feeds.rss });
    rows.push({ fromPath: `${base}feed/atom/`, target, suffix: feeds.atom });
  }
  if (queryPath) rows.push({ fromPath: queryPath, target }, { fromPath: `${queryPath}/feed`, target, suffix: feeds.rss });
  return rows.filter((row) => storable(row.fromPath));
}

const ARCHIVE_FEEDS = { rss: "/feed.xml", atom: "/atom.xml" };
/** Docket's tag pages have no feed of their own: a tag's old feed leads to the tag. */
const TAG_FEEDS = { rss: "", atom: "" };

async function saveArchiveRedirects(context: Context) {
  await saveRedirectRows(context, context.archiveRedirects.splice(0));
}

/**
 * Stores old addresses (not in a dry run) and counts what changes: an address new to the table is
 * imported, one already leading to the same place unchanged, one leading elsewhere updated. A dry run
 * counts an address already in the table as unchanged, as a real run over the same site would.
 */
async function saveRedirectRows(context: Context, allRows: RedirectRow[]) {
  const { options, report } = context;
  // An address named twice (a category that is also a tag's) leads where its last row says.
  const rows = [...new Map(allRows.map((row) => [row.fromPath, row])).values()];
  for (let at = 0; at < rows.length; at += 500) {
    const batch = rows.slice(at, at + 500);
    const stored = await findRedirectRows(batch.map((row) => row.fromPath));
    for (const row of batch) {
      const before = stored.get(row.fromPath);
      const same = before && (options.dryRun || (before.targetType === row.target.type && before.targetId === row.target.id && before.suffix === (row.suffix ?? "")));
      report.count("redirects", !before ? "imported" : same ? "unchanged" : "updated");
    }
    if (!options.dryRun) await saveRedirects(batch);
  }
}

/** The category's WordPress path: its parents' slugs, then its own (/category/courts/sentencing/). */
function categoryPath(plan: ImportPlan, slug: string): string {
  const chain: string[] = [];
  for (let current: string | null = slug; current && !chain.includes(current) && chain.length < 10; current = plan.categories.get(current)?.parent ?? null) chain.unshift(current);
  return `/category/${chain.join("/")}/`;
}

// ---------- bylines ----------

/** An author as the export gives one: a WordPress user, a Co-Authors Plus guest author or term, or the site itself. */
type AuthorRecord = { login: string; wpUserId: number | null; displayName: string; email: string; bio?: string; website?: string };

/** Docket logins by email address (lower-cased), for the author step's choices. */
type LoginsByEmail = Awaited<ReturnType<typeof findUsersByEmail>>;

async function importBylines(context: Context) {
  const { plan, report } = context;
  const emails = [...plan.authors.values()].map((author) => author.email).concat([...plan.guestAuthors.values()].map((guest) => guest.email)).filter(Boolean);
  const logins = await findUsersByEmail([...new Set(emails.map((email) => email.toLowerCase()))]);

  for (const author of plan.authors.values()) await importAuthor({ login: author.login, wpUserId: author.id, displayName: bylineName(author), email: author.email }, context, logins);
  for (const guest of plan.guestAuthors.values()) {
    if (context.bylineByLogin.has(guest.login)) continue;
    await importAuthor({ login: guest.login, wpUserId: null, displayName: decodeName(guest.displayName) || guest.login, email: guest.email, bio: guest.bio, website: guest.website }, context, logins);
  }
  for (const term of plan.coAuthorTerms.values()) {
    const login = term.name;
    if (context.bylineByLogin.has(login)) continue;
    const name = coAuthorNameFromTerm(term.description, login);
    if (!name) {
      report.problem(`Co-author ${describeLogin(login)} has no author or guest-author record and no name in its term: posts naming it keep their other bylines.`);
      continue;
    }
    await importAuthor({ login, wpUserId: null, displayName: name, email: "" }, context, logins);
  }
  const first = [...plan.authors.keys()][0];
  context.fallbackBylineId = first ? (context.bylineByLogin.get(first) ?? null) : null;
  if (!context.fallbackBylineId && plan.counts.byType.post) {
    // An export with no author list (WXR 1.0, or a partial export): its posts get one byline named after the site.
    const name = decodeName(plan.site.title) || "Guest author";
    report.choice(`The export lists no authors: its posts get one byline, “${name}”, which editors can rename or replace.`);
    await importAuthor({ login: SITE_BYLINE, wpUserId: null, displayName: name, email: "" }, context, logins);
    context.fallbackBylineId = context.bylineByLogin.get(SITE_BYLINE) ?? null;
  }
}

/**
 * One author becomes a byline (found again on a re-run), with its old archive addresses. An author whose
 * address is a Docket login's is linked to that login only when the admin chose it in the author step.
 */
async function importAuthor({ login, wpUserId, displayName, email, bio, website }: AuthorRecord, context: Context, logins: LoginsByEmail) {
  const { plan, options, report } = context;
  const sameAddress = email ? (logins.get(email.toLowerCase()) ?? null) : null;
  // An address alone never links a byline to a login: only the admin's choice in the author step does.
  const user = sameAddress && options.linkLogins.includes(login) ? sameAddress : null;
  if (displayName === login && login !== SITE_BYLINE) report.choice(`Author ${describeLogin(login)} has no display name or full name: the byline is called by the login, as WordPress shows it.`);
  const oldAddresses = (target: RedirectTarget) => (login === SITE_BYLINE ? [] : archiveRows([`/author/${login}/`, `/author/${slugify(login)}/`], queryAddress("author_name", login), target, ARCHIVE_FEEDS));
  if (options.dryRun) {
    const earlier = await findLink({ siteUrl: plan.siteUrl, kind: "author", wpKey: login });
    report.count("authors", earlier ? "unchanged" : "imported");
    context.bylineByLogin.set(login, earlier?.docketId ?? `dry-run:${login}`);
    context.archiveRedirects.push(...oldAddresses({ type: "AUTHOR", id: "dry-run" }));
    if (user && !earlier) report.choice(`The byline “${displayName}” would be linked to the Docket login ${user.email}, as chosen in the author step.`);
    if (sameAddress && !user && !earlier) report.choice(unlinkedLine(displayName, login, sameAddress.email));
    return;
  }
  const result = await linkOrCreateByline({
    siteUrl: plan.siteUrl,
    login,
    wpUserId,
    displayName,
    slug: slugify(displayName) || "author",
    bio: bio ?? "",
    website: website && /^https?:\/\//i.test(website) ? website : null,
    user,
  });
  report.count("authors", result.outcome);
  if (result.linkedToLogin) report.choice(`The byline “${displayName}” is linked to the Docket login ${user?.email}, as chosen in the author step.`);
  else if (sameAddress && result.outcome === "imported") report.choice(unlinkedLine(displayName, login, sameAddress.email));
  context.bylineByLogin.set(login, result.profileId);
  context.archiveRedirects.push(...oldAddresses({ type: "AUTHOR", id: result.profileId }));
  if (user && wpUserId !== null) context.userIdByWpUserId.set(wpUserId, user.id);
}

function unlinkedLine(name: string, login: string, loginEmail: string): string {
  return `The byline “${name}” has the email address of the Docket login ${loginEmail} but is a byline of its own: it was not chosen in the author step (on the command line: --link-author ${login}).`;
}

/** The link key of the byline made for an export that lists no authors (no WordPress login can contain spaces). */
const SITE_BYLINE = "(the site)";

/** Logins are never shown to readers; in the admin's report they name the author plainly. */
function describeLogin(login: string): string {
  return `“${login}”`;
}

// ---------- terms ----------

async function importTerms(context: Context) {
  const { plan, options, report } = context;
  for (const wpSlug of plan.categoriesUsedAsCategory) {
    const category = plan.categories.get(wpSlug);
    const docketSlug = docketCategorySlug(wpSlug, options.categoryMap)!;
    const name = decodeName(category?.name || wpSlug);
    if (category?.parent) report.choice(`Category “${name}” was inside “${decodeName(plan.categories.get(category.parent)?.name || category.parent)}” in WordPress; Docket's categories are not nested.`);
    if (docketSlug !== wpSlug) report.choice(`Category “${name}” is imported as the category “${docketSlug}” (the category map).`);
    if (options.dryRun) {
      report.count("categories", (await findLink({ siteUrl: plan.siteUrl, kind: "category", wpKey: wpSlug })) ? "unchanged" : "imported");
      context.categoryIds.set(wpSlug, `dry-run:${wpSlug}`);
      context.archiveRedirects.push(...archiveRows([categoryPath(plan, wpSlug), `/category/${wpSlug}/`], category?.termId == null ? null : queryAddress("cat", category.termId), { type: "CATEGORY", id: "dry-run" }, ARCHIVE_FEEDS));
      continue;
    }
    const result = await linkOrCreateCategory({ siteUrl: plan.siteUrl, wpSlug, docketSlug: slugify(docketSlug) || wpSlug, name, description: decodeName(category?.description ?? ""), termId: category?.termId ?? null });
    report.count("categories", result.outcome);
    if (result.merged) report.choice(`Category “${name}” joins Docket's existing category “${docketSlug}”.`);
    context.categoryIds.set(wpSlug, result.id);
    const termId = category?.termId ?? null;
    context.archiveRedirects.push(...archiveRows([categoryPath(plan, wpSlug), `/category/${wpSlug}/`], termId === null ? null : queryAddress("cat", termId), { type: "CATEGORY", id: result.id }, ARCHIVE_FEEDS));
  }
  for (const [wpSlug, name] of plan.termsUsedAsTags) {
    const kind = plan.tags.has(wpSlug) || !plan.categories.has(wpSlug) ? "tag" : "category";
    // The tag's old addresses, the same in a dry run as in a real one.
    const oldAddresses = (target: RedirectTarget) => {
      if (kind === "tag") return archiveRows([`/tag/${wpSlug}/`], queryAddress("tag", wpSlug), target, TAG_FEEDS);
      const termId = plan.categories.get(wpSlug)?.termId ?? null;
      return archiveRows([categoryPath(plan, wpSlug), `/category/${wpSlug}/`], termId === null ? null : queryAddress("cat", termId), target, TAG_FEEDS);
    };
    if (options.dryRun) {
      report.count("tags", (await findLink({ siteUrl: plan.siteUrl, kind: kind === "tag" ? "tag" : "category-tag", wpKey: wpSlug })) ? "unchanged" : "imported");
      context.tagIds.set(wpSlug, `dry-run:${wpSlug}`);
      context.archiveRedirects.push(...oldAddresses({ type: "TAG", id: "dry-run" }));
      continue;
    }
    const result = await linkOrCreateTag({ siteUrl: plan.siteUrl, wpSlug, docketSlug: slugify(wpSlug) || slugify(name) || "tag", name, kind });
    report.count("tags", result.outcome);
    context.tagIds.set(wpSlug, result.id);
    context.archiveRedirects.push(...oldAddresses({ type: "TAG", id: result.id }));
  }
  for (const wpSlug of plan.seriesUsed) {
    const term = plan.series.get(wpSlug);
    const name = decodeName(term?.name || wpSlug);
    if (options.dryRun) {
      report.count("series", (await findLink({ siteUrl: plan.siteUrl, kind: "series", wpKey: wpSlug })) ? "unchanged" : "imported");
      context.seriesIds.set(wpSlug, `dry-run:${wpSlug}`);
      context.archiveRedirects.push(...archiveRows([`/${options.seriesTaxonomy}/${wpSlug}/`], queryAddress(options.seriesTaxonomy, wpSlug), { type: "SERIES", id: "dry-run" }, ARCHIVE_FEEDS));
      continue;
    }
    const result = await linkOrCreateSeries({ siteUrl: plan.siteUrl, wpSlug, docketSlug: slugify(wpSlug) || slugify(name) || "series", name, description: decodeName(term?.description ?? "") });
    report.count("series", result.outcome);
    if (result.merged) report.choice(`Series “${name}” joins Docket's existing series of the same address.`);
    context.seriesIds.set(wpSlug, result.id);
    context.archiveRedirects.push(...archiveRows([`/${options.seriesTaxonomy}/${wpSlug}/`], queryAddress(options.seriesTaxonomy, wpSlug), { type: "SERIES", id: result.id }, ARCHIVE_FEEDS));
  }
  await saveArchiveRedirects(context);
}

// ---------- media ----------

async function importAttachmentFiles(context: Context) {
  for (const [id, attachment] of context.plan.attachments) await context.media.bring(attachment.url, describeItem(id, attachment.title, "Attachment"));
}

// ---------- items ----------

async function importItems(path: string, context: Context) {
  const { plan, options, report } = context;
  let done = 0;
  const skippedTypes = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  for await (const record of readWxrFile(path)) {
    if (record.kind !== "item") continue;
    done += 1;
    if (done % 25 === 0 || done === plan.counts.items) options.onProgress?.({ phase: "importing", done, total: plan.counts.items });
    const item = record;
    switch (item.postType) {
      case "post": {
        // Several posts in flight at once, each in its own transaction: one converts while others wait on the database.
        const task: Promise<void> = importPost(item, context)
          .catch((error: unknown) => {
            report.count("posts", "skipped");
            report.problem(`${describeItem(item.postId, plainTitle(item.title))} was not imported: ${reasonOf(error)}`);
          })
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
        if (inFlight.size >= POSTS_IN_FLIGHT) await Promise.race(inFlight);
        break;
      }
      case "attachment":
      case "guest-author":
        break;
      case "page":
        // Pages are few: one at a time, each written before the next looks for a free address.
        await importPage(item, context).catch((error: unknown) => {
          report.count("pages", "skipped");
          report.problem(`${describeItem(item.postId, plainTitle(item.title), "Page")} was not imported: ${reasonOf(error)}`);
        });
        break;
      case "nav_menu_item":
        // Planned in the first pass; the menu is made once the pages and posts it links to exist.
        break;
      default:
        skippedTypes.set(item.postType, (skippedTypes.get(item.postType) ?? 0) + 1);
    }
  }
  await Promise.all(inFlight);
  await saveAttachmentRedirects(context);
  for (const [type, count] of skippedTypes) {
    if (type === "revision" || type === "customize_changeset" || type === "oembed_cache") continue;
    report.choice(`${count} item${count === 1 ? "" : "s"} of type “${type}” ${count === 1 ? "was" : "were"} left out: Docket has nothing like ${count === 1 ? "it" : "them"}.`);
  }
}

/** An attachment's page (its own address, and /?attachment_id=…) leads to the post it belongs to. */
async function saveAttachmentRedirects(context: Context) {
  const { plan, options } = context;
  const posts = await loadLinks(plan.siteUrl, "post");
  // A dry run wrote none of this run's posts: their attachments' pages would lead to them all the same.
  if (options.dryRun) for (const id of context.writtenThisRun) if (!posts.has(String(id))) posts.set(String(id), { docketId: "dry-run", checksum: null });
  const rows: RedirectRow[] = [];
  for (const [id, attachment] of plan.attachments) {
    const post = posts.get(String(attachment.parent));
    if (!post) continue;
    const target: RedirectTarget = { type: "POST", id: post.docketId };
    const page = sitePath(attachment.link, plan.siteUrl);
    for (const fromPath of [page, queryAddress("attachment_id", id)]) if (fromPath && storable(fromPath)) rows.push({ fromPath, target });
  }
  await saveRedirectRows(context, rows);
}

async function importPost(item: WxrItem, context: Context) {
  const { plan, options, report, media } = context;
  const title = plainTitle(item.title);
  const label = describeItem(item.postId, title);
  const status = admittedStatus(item, "posts", label, context.writtenThisRun, report);
  if (!status) return;
  const checksum = itemChecksum(item, context.optionsSignature);
  const earlier = context.postLinks.get(String(item.postId));
  if (earlier && earlier.checksum === checksum) {
    report.count("posts", "unchanged");
    report.count("comments", "unchanged", item.comments.length);
    return;
  }

  if (status.choice) report.choice(`${label} ${status.choice}.`);
  if (item.isSticky) report.choice(`${label} was sticky: Docket has no sticky posts, so it is listed by date like any other.`);

  // Bylines: Co-Authors Plus terms in order, else the post's author.
  const coAuthorLogins = item.terms.filter((term) => term.domain === "author").map((term) => plan.coAuthorTerms.get(term.nicename ?? "")?.name ?? term.name);
  const authorIds: string[] = [];
  for (const login of coAuthorLogins) {
    const id = context.bylineByLogin.get(login);
    if (id && !authorIds.includes(id)) authorIds.push(id);
    else if (!id) report.problem(`${label} names the co-author ${describeLogin(login)}, who has no byline: left off this post.`);
  }
  if (authorIds.length === 0) {
    const id = context.bylineByLogin.get(item.creator);
    if (id) authorIds.push(id);
    else {
      if (plan.authors.size > 0) report.problem(`${label} names the author ${describeLogin(item.creator || "(none)")}, who is not among the export's authors: the export's first author is its byline.`);
      if (context.fallbackBylineId) authorIds.push(context.fallbackBylineId);
    }
  } else if (item.creator && !context.bylineByLogin.has(item.creator) && !coAuthorLogins.includes(item.creator)) {
    report.problem(`${label} names the author ${describeLogin(item.creator)}, who is not among the export's authors: its co-authors are its bylines.`);
  }

  // Category and tags.
  const categorySlugs = item.terms.filter((term) => term.domain === "category" && term.nicename).map((term) => term.nicename!);
  const { category, demoted } = chooseCategory(categorySlugs, options.categoryMap);
  const categoryTarget = category ? docketCategorySlug(category, options.categoryMap) : null;
  if (categorySlugs.length > 0 && categorySlugs.every((slug) => slug === "uncategorized")) context.uncategorized += 1;
  if (demoted.length > 0) {
    const names = demoted.map((slug) => `“${decodeName(plan.categories.get(slug)?.name || slug)}”`).join(", ");
    report.choice(`${label}: ${category ? `“${decodeName(plan.categories.get(category)?.name || category)}” is its category` : "it has no category"}; ${names} ${demoted.length === 1 ? "becomes a tag" : "become tags"}.`);
  }
  const tagIds: string[] = [];
  const tagTerms = item.terms.filter((term) => (term.domain === "post_tag" || options.taxonomiesAsTags.includes(term.domain)) && term.nicename);
  for (const slug of [...demoted, ...tagTerms.map((term) => term.nicename!)]) {
    const id = context.tagIds.get(slug);
    if (id && !tagIds.includes(id)) tagIds.push(id);
  }
  const seriesSlug = item.terms.find((term) => term.domain === options.seriesTaxonomy)?.nicename ?? null;

  const markdown = await itemMarkdown(item, label, "post", context);

  const { standfirst, cut } = standfirstFrom(item.excerpt);
  if (cut) report.choice(`${label}: its excerpt was longer than a standfirst may be and was shortened.`);

  // Cover image.
  let coverImageUrl: string | null = null;
  let coverImageAlt: string | null = null;
  const thumbnailId = Number(metaValue(item, "_thumbnail_id"));
  if (Number.isInteger(thumbnailId) && thumbnailId > 0) {
    const attachment = plan.attachments.get(thumbnailId);
    if (!attachment) report.problem(`${label}: its featured image (attachment ${thumbnailId}) is not in the export.`);
    else {
      coverImageUrl = media.docketUrlFor(attachment.url) ?? attachment.url;
      coverImageAlt = attachment.alt || null;
    }
  }

  // Comments.
  const { ordered, orphans } = commentsParentsFirst(item.comments);
  for (const orphan of orphans) report.problem(`${label}: comment ${orphan.id} answers comment ${orphan.parent}, which is not in the export; it is shown as a comment of its own.`);
  const comments: ImportedComment[] = [];
  const skippedComments = new Set<number>();
  for (const comment of ordered) {
    const imported = importComment(comment, context, skippedComments);
    if (imported) comments.push(imported);
  }

  // Where the post will live, and its old addresses.
  const existingPostId = earlier?.docketId ?? null;
  const slug = freePostSlug(slugFor(item), existingPostId, context);
  if (slug !== slugFor(item)) report.choice(`${label}: the address “${slugFor(item)}” is taken, so the post lives at “${slug}”.`);
  const permalinks = new Set<string>();
  const linkPath = sitePath(item.link, plan.siteUrl);
  // A Docket export's links are Docket's own addresses already: no redirect to the same place.
  if (linkPath && linkPath !== `/posts/${slug}`) permalinks.add(linkPath);
  if (plan.permalinkStructure) {
    const structured = permalinkPath(plan.permalinkStructure, item);
    if (structured) permalinks.add(structured);
  }
  // Each permalink, its comment feed, and /?p=ID (with its feed) lead to the post.
  const redirectPaths = new Set(
    [...permalinks, ...[...permalinks].map((path) => `${withSlash(path)}feed/`), queryAddress("p", item.postId), `${queryAddress("p", item.postId)}/feed`].filter(storable),
  );

  const created = postDate(item) ?? new Date();
  const post: ImportedPost = {
    siteUrl: plan.siteUrl,
    wpId: item.postId,
    checksum,
    fields: {
      slug,
      title: title || "(untitled)",
      standfirst,
      bodyMarkdown: markdown,
      status: status.status,
      publishedAt: status.publishedAt,
      scheduledFor: status.scheduledFor,
      submittedAt: status.submittedAt,
      createdAt: created,
      commentsOpen: item.commentStatus === "open",
      coverImageUrl,
      coverImageAlt,
      categoryId: category && categoryTarget ? (context.categoryIds.get(category) ?? null) : null,
      seriesId: seriesSlug ? (context.seriesIds.get(seriesSlug) ?? null) : null,
      seriesPosition: seriesSlug ? (plan.seriesPositions.get(item.postId) ?? null) : null,
    },
    authorIds,
    tagIds,
    comments,
    redirectPaths: [...redirectPaths],
  };

  if (options.dryRun) {
    report.count("posts", existingPostId ? "updated" : "imported");
    report.count("comments", existingPostId ? "updated" : "imported", comments.length);
    report.count("redirects", existingPostId ? "unchanged" : "imported", redirectPaths.size);
    return;
  }
  const result = await writeImportedPost(post, existingPostId);
  report.count("posts", result.outcome);
  report.count("comments", "imported", result.commentsImported);
  report.count("comments", "updated", result.commentsUpdated);
  report.count("redirects", result.outcome === "imported" ? "imported" : "unchanged", redirectPaths.size - result.redirectsTaken.length);
  for (const path of result.redirectsTaken) report.problem(`${label}: its old address ${path} already leads to another post, so it was left as it is.`);
  if (result.heldForLegalReasons.length > 0) report.problem(`${label} was imported on legal hold (readers do not see it) because ${result.heldForLegalReasons.join("; ")}: a legal reviewer clears it, then an editor lifts the hold.`);
}

/**
 * A post's comment as Docket keeps it (written with its post), or null for a pingback left out as asked
 * (its replies then stand on their own). `ordered` parents first, so a skipped parent is known.
 */
function importComment(comment: WxrComment, context: Context, skippedComments: Set<number>): ImportedComment | null {
  const { options, report } = context;
  const isPing = comment.type === "pingback" || comment.type === "trackback";
  if (isPing && options.skipPingbacks) {
    context.pingbacksSkipped += 1;
    skippedComments.add(comment.id);
    report.count("comments", "skipped");
    return null;
  }
  if (isPing) context.pingbacksKept += 1;
  return {
    wpId: comment.id,
    wpParent: comment.parent > 0 && !skippedComments.has(comment.parent) ? comment.parent : 0,
    authorName: decodeName(comment.author) || (isPing ? "A linking site" : "Anonymous"),
    authorEmail: comment.authorEmail,
    authorUrl: /^https?:\/\//i.test(comment.authorUrl) ? comment.authorUrl : null,
    userId: comment.userId > 0 ? (context.userIdByWpUserId.get(comment.userId) ?? null) : null,
    body: commentMarkdown(comment.content) || "(empty)",
    status: mapCommentStatus(comment.approved),
    ipHash: comment.authorIp ? hashIp(comment.authorIp) : null,
    createdAt: comment.dateGmt ?? postDate({ postDateGmt: null, postDate: comment.date, pubDate: null }) ?? new Date(),
  };
}

const TAKEN_BY_A_NEW_POST = "(a post new in this run)";

/** `base`, or `base-2`, `base-3`…: the first no other post has (the site's slugs are read once, at the start). */
function freePostSlug(base: string, postId: string | null, context: Context): string {
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    const owner = context.postSlugs.get(candidate);
    if (owner !== undefined && owner !== postId) continue;
    // Taken now: by this post, or (a new one) by a mark no other post's id equals.
    context.postSlugs.set(detached(candidate), postId ?? TAKEN_BY_A_NEW_POST);
    return candidate;
  }
}

function summarise(context: Context) {
  const { report, plan } = context;
  const { categories, tags } = plan.unusedTerms;
  if (categories + tags > 0) report.choice(`${plural(categories, "category", "categories")} and ${plural(tags, "tag")} that no post uses were imported too.`);
  for (const [taxonomy, terms] of plan.otherTaxonomies) report.choice(otherTaxonomyLine(taxonomy, terms));
  if (context.uncategorized > 0) report.choice(`${context.uncategorized} posts were only in WordPress's “Uncategorized”: they have no category in Docket.`);
  if (context.pingbacksKept > 0) report.choice(`${context.pingbacksKept} pingbacks and trackbacks are kept as comments that link to the site that mentioned the post (the import can leave them out instead).`);
  if (context.pingbacksSkipped > 0) report.choice(`${context.pingbacksSkipped} pingbacks and trackbacks were left out, as asked.`);
  const { media } = context;
  report.count("media", "imported", media.imported.size);
  report.count("media", "unchanged", media.earlier.size);
  report.count("media", "skipped", media.remote.size);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}

/** A taxonomy Docket has nothing like, with its terms and how many posts each was on. */
function otherTaxonomyLine(taxonomy: string, terms: Map<string, number>): string {
  const list = [...terms].map(([name, posts]) => `“${name.replace(/^post-format-/, "")}” on ${plural(posts, "post")}`).join(", ");
  if (taxonomy === "post_format") return `Post formats (${list}) were left out: Docket has no post formats, so these are ordinary posts.`;
  return `The taxonomy “${taxonomy}” (${list}) was left out: Docket has nothing like it (--taxonomy-as-tags ${taxonomy} makes its terms tags).`;
}
