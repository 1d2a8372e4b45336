// The reader site on a production build with the demo content: navigation by clicking, search
// routing, valid HTML, no leaks of unpublished posts or real names, inert hostile markdown,
// publishing visible on the next request, and the database queries of a first render.
import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPostMarkdown } from "@/lib/markdown";
import { baseUrl, connectToTestDatabase, everyKindOfReaderPage, openBrowser, postgresLogFile } from "../helpers/e2e";
import { htmlValidityProblems } from "../helpers/html-validity";

let browser: Browser;
let client: pg.Client;

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
});
afterAll(async () => {
  await browser?.close();
  await client?.end();
});

async function rows<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(sql, values)).rows;
}

async function fetchText(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
  return { status: response.status, text: await response.text() };
}

describe("reading the site by clicking", () => {
  it("goes home → post → series → author → search", async () => {
    const [seriesPost] = await rows<{ title: string; series: string }>(
      `SELECT p.title, s.title AS series FROM "Post" p JOIN "Series" s ON s.id = p."seriesId"
        WHERE p.status = 'PUBLISHED' ORDER BY p."publishedAt" DESC LIMIT 1`,
    );
    expect(seriesPost, "the demo content has a published series post").toBeDefined();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await expect(page.locator("h1").first().textContent()).resolves.toBeTruthy();

    // Home → the series post (it may be on the home page or reached through the series list).
    const onHome = page.getByRole("link", { name: seriesPost.title, exact: true });
    if ((await onHome.count()) > 0) {
      await onHome.first().click();
    } else {
      await page.getByRole("link", { name: "Series", exact: true }).first().click();
      await page.getByRole("link", { name: seriesPost.series, exact: true }).first().click();
      await page.getByRole("link", { name: seriesPost.title, exact: true }).first().click();
    }
    await expect(page.locator("h1").textContent()).resolves.toBe(seriesPost.title);
    await expect(page.locator(".series-box").textContent()).resolves.toMatch(/This is the \d+(st|nd|rd|th) post in the/);

    // Post → series page.
    await page.locator(".series-box").getByRole("link", { name: "Read the others." }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe(seriesPost.series);
    expect(await page.locator("ol.post-list > li").count()).toBeGreaterThan(1);

    // Series page → a post → its author.
    await page.locator("ol.post-list .card__title a").first().click();
    const author = page.locator(".bylines a.byline__name").first();
    const authorName = (await author.textContent())!;
    // The avatar beside the name leads to the same author page.
    expect(await page.locator(".bylines a.byline__avatar").first().getAttribute("href")).toBe(await author.getAttribute("href"));
    await author.click();
    await expect(page.locator("h1").textContent()).resolves.toBe(authorName);

    // Search from the header form (it is a plain GET form: no JavaScript needed).
    await page.goto(`${baseUrl()}/search`);
    await page.locator("#search-page-q").fill(seriesPost.title.split(/\s+/).slice(0, 3).join(" "));
    await page.locator("#search-page-q").press("Enter");
    await page.waitForURL(/\/search\?q=/);
    await expect(page.getByRole("link", { name: seriesPost.title, exact: true }).count()).resolves.toBeGreaterThan(0);
    await context.close();
  });

  it("answers an unknown page with a 404 in the site's design and an empty or absurd search with help", async () => {
    // The page itself is in the HTML (readers without JavaScript see it), not only in the data for the client.
    const notFoundHeading = /<h1>We can’t find that page<\/h1>/;
    const missing = await fetchText(`/posts/no-such-post-${randomBytes(3).toString("hex")}`);
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(notFoundHeading);
    const nowhere = await fetchText(`/no/such/${randomBytes(3).toString("hex")}`);
    expect(nowhere.status).toBe(404);
    expect(nowhere.text).toMatch(notFoundHeading);
    const noSuchCategory = await fetchText(`/categories/no-such-category-${randomBytes(3).toString("hex")}`);
    expect(noSuchCategory.status).toBe(404);
    expect(noSuchCategory.text).toMatch(notFoundHeading);
    const absurd = await fetchText(`/search?q=${encodeURIComponent('"(( OR -- ::: ' + "x".repeat(500))}`);
    expect(absurd.status).toBe(200);
    expect(absurd.text.replaceAll("<!-- -->", "")).toContain("only its first 200 characters");
    expect((await fetchText("/search")).text).toContain("Search titles, introductions, posts and author names");
    for (const nothing of ["%20%20", ".."]) {
      expect((await fetchText(`/search?q=${nothing}`)).text).toContain("Search titles, introductions, posts and author names");
    }
  });

  it("routes every search query and page number to its results page", async () => {
    const heading = (text: string) => text.replaceAll("<!-- -->", "").match(/<h1>([^<]*)<\/h1>/)?.[1];
    // Characters that mean something in a path or a query string still arrive as the reader typed them.
    const escape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
    for (const query of ["a/b %25 ?c #d & e+f", "100%", "back\\slash", "<b>bold</b> -minus \"a phrase\""]) {
      const results = await fetchText(`/search?q=${encodeURIComponent(query)}`);
      expect(results.status, query).toBe(200);
      expect(heading(results.text), query).toBe(`Results for “${escape(query)}”`);
    }
    const pageTwo = await fetchText("/search?q=probation&page=2");
    expect(pageTwo.text.replaceAll("<!-- -->", "")).toMatch(/posts found, page 2 of \d+|There are no results on page 2/);
    // A page number that is not 1-9999 is page 1.
    for (const page of ["abc", "0", "10000"]) {
      const first = await fetchText(`/search?q=probation&page=${page}`);
      expect(first.status).toBe(200);
      expect(first.text.replaceAll("<!-- -->", "")).not.toMatch(/page 2 of|no results on page/);
      expect(heading(first.text)).toBe("Results for “probation”");
    }
  });
});

describe("what search engines, social sites and caches see", () => {
  async function latestPost() {
    const [post] = await rows<{ id: string; slug: string; title: string }>(
      `SELECT id, slug, title FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`,
    );
    return post;
  }

  const metaContent = (html: string, attribute: "property" | "name", key: string) =>
    html.match(new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`))?.[1];

  it("gives a post its canonical URL, Open Graph and Twitter tags, JSON-LD and a social image", async () => {
    const post = await latestPost();
    const response = await fetch(`${baseUrl()}/posts/${post.slug}`);
    const html = await response.text();
    const url = html.match(/<link rel="canonical" href="([^"]+)"/)?.[1];
    expect(url).toMatch(new RegExp(`^https?://[^/]+/posts/${post.slug}$`));
    expect(metaContent(html, "property", "og:type")).toBe("article");
    expect(metaContent(html, "property", "og:url")).toBe(url);
    expect(metaContent(html, "name", "twitter:card")).toBe("summary_large_image");
    const image = metaContent(html, "property", "og:image");
    expect(image).toContain(`/posts/${post.slug}/share-image.png`);

    const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">([^<]+)<\/script>/g)].flatMap((match) => JSON.parse(match[1]));
    const posting = jsonLd.find((item) => item["@type"] === "BlogPosting");
    expect(posting).toMatchObject({ headline: post.title, url });
    expect(posting.author.length).toBeGreaterThan(0);
    expect(posting.author[0]).toMatchObject({ "@type": "Person", name: expect.any(String), url: expect.stringContaining("/authors/") });
    const crumbs = jsonLd.find((item) => item["@type"] === "BreadcrumbList");
    expect(crumbs.itemListElement.at(-1)).toMatchObject({ name: post.title, item: url });

    const picture = await fetch(new URL(new URL(image!).pathname + new URL(image!).search, baseUrl()));
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await picture.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
  });

  it("lets a CDN cache reader pages briefly, never the admin", async () => {
    const post = await latestPost();
    for (const path of ["/", `/posts/${post.slug}`]) {
      const cacheControl = (await fetch(`${baseUrl()}${path}`)).headers.get("cache-control") ?? "";
      expect(cacheControl, path).toMatch(/s-maxage=\d+/);
      expect(cacheControl, path).toMatch(/stale-while-revalidate=\d+/);
    }
    const admin = (await fetch(`${baseUrl()}/admin/sign-in`)).headers.get("cache-control") ?? "";
    expect(admin).not.toMatch(/s-maxage|public/);
  });

  it("answers a post's old slug and a stored legacy URL with a permanent redirect to the post", async () => {
    const post = await latestPost();
    const marker = randomBytes(3).toString("hex");
    await client.query(`INSERT INTO "Redirect" (id, "fromPath", "targetType", "targetId") VALUES ($1, $2, 'POST', $4), ($3, $5, 'POST', $4)`, [
      `r1${marker}`,
      `/posts/old-slug-${marker}`,
      `r2${marker}`,
      post.id,
      `/2014/03/an-old-address-${marker}/`,
    ]);
    for (const path of [`/posts/old-slug-${marker}`, `/2014/03/an-old-address-${marker}`]) {
      const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(308);
      // Next may repeat the header on a page's first render; every copy names the post.
      const locations = response.headers.get("location")!.split(", ");
      expect(locations.map((location) => new URL(location, baseUrl()).pathname), path).toEqual(locations.map(() => `/posts/${post.slug}`));
    }
    // In the browser, also with the old site's trailing slash (Next drops the slash first).
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of [`/posts/old-slug-${marker}`, `/2014/03/an-old-address-${marker}/`]) {
      await page.goto(`${baseUrl()}${path}`);
      expect(new URL(page.url()).pathname, path).toBe(`/posts/${post.slug}`);
      await expect(page.locator("h1").textContent()).resolves.toBe(post.title);
    }
    await context.close();
    await client.query(`DELETE FROM "Redirect" WHERE id = ANY($1)`, [[`r1${marker}`, `r2${marker}`]]);
  });
});

describe("valid HTML", () => {
  it("every kind of reader page validates (html-validate's standard rules)", async () => {
    const pages = await everyKindOfReaderPage(client);
    const problems: string[] = [];
    for (const path of pages) problems.push(...(await htmlValidityProblems((await fetchText(path)).text, path)));
    expect(problems).toEqual([]);
  });
});

describe("archives", () => {
  it("pages a category with more posts than fit on one page; a page past the end is a 404", async () => {
    const marker = randomBytes(3).toString("hex");
    const [author] = await rows<{ profileId: string }>(`SELECT "profileId" FROM "PostAuthor" LIMIT 1`);
    await client.query(`INSERT INTO "Category" (id, slug, name) VALUES ($1, $1, $2)`, [`archive-${marker}`, `Archive ${marker}`]);
    for (let index = 1; index <= 51; index++) {
      const id = `archive-${marker}-${index}`;
      await client.query(
        `INSERT INTO "Post" (id, slug, title, status, "publishedAt", "categoryId", "updatedAt") VALUES ($1, $1, $2, 'PUBLISHED', $3, $4, now())`,
        [id, `Archived post ${index} ${marker}`, new Date(Date.UTC(2001, 0, index)), `archive-${marker}`],
      );
      await client.query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, $2, 0)`, [id, author.profileId]);
    }
    const first = await fetchText(`/categories/archive-${marker}`);
    expect(first.text).toContain(`Archived post 51 ${marker}`);
    expect(first.text).not.toContain(`Archived post 1 ${marker}<`);
    expect(first.text).toContain(`href="/categories/archive-${marker}/page/2"`);
    const second = await fetchText(`/categories/archive-${marker}/page/2`);
    expect(second.status).toBe(200);
    expect(second.text).toContain(`Archived post 1 ${marker}<`);
    expect(second.text.replaceAll("<!-- -->", "")).toContain("Page 2 of 2");
    expect((await fetchText(`/categories/archive-${marker}/page/3`)).status).toBe(404);
    expect((await fetchText(`/categories/archive-${marker}/page/1`)).status).toBe(404);
    await client.query(`DELETE FROM "Post" WHERE "categoryId" = $1`, [`archive-${marker}`]);
    await client.query(`DELETE FROM "Category" WHERE id = $1`, [`archive-${marker}`]);
  });
});

describe("nothing unpublished or private leaks", () => {
  it("keeps unpublished posts out of every page, feed, sitemap and search", async () => {
    const hidden = await rows<{ slug: string; title: string }>(`SELECT slug, title FROM "Post" WHERE status <> 'PUBLISHED'`);
    expect(hidden.length, "the demo content has unpublished posts").toBeGreaterThan(0);
    const series = await rows<{ slug: string }>(`SELECT slug FROM "Series"`);
    const pages = ["/", "/feed.xml", "/atom.xml", "/sitemap.xml", "/series", ...series.map((entry) => `/series/${entry.slug}`), ...series.map((entry) => `/series/${entry.slug}/feed.xml`)];
    for (const path of pages) {
      const { text } = await fetchText(path);
      for (const post of hidden) {
        expect(text, `${path} mentions ${post.slug}`).not.toContain(`/posts/${post.slug}"`);
        expect(text, `${path} mentions ${post.slug}`).not.toContain(`/posts/${post.slug}<`);
      }
    }
    for (const post of hidden) {
      expect((await fetchText(`/posts/${post.slug}`)).status, post.slug).toBe(404);
      const search = await fetchText(`/search?q=${encodeURIComponent(post.title)}`);
      expect(search.text).not.toContain(`/posts/${post.slug}"`);
    }
  });

  it("never shows a pseudonymous author's real name", async () => {
    const pseudonyms = await rows<{ slug: string; realName: string }>(
      `SELECT slug, "realName" FROM "AuthorProfile" WHERE "isPseudonymous" AND "realName" IS NOT NULL AND "realName" <> ''`,
    );
    expect(pseudonyms.length, "the demo content has a pseudonymous author").toBeGreaterThan(0);
    for (const profile of pseudonyms) {
      const posts = await rows<{ slug: string }>(
        `SELECT p.slug FROM "Post" p JOIN "PostAuthor" pa ON pa."postId" = p.id JOIN "AuthorProfile" a ON a.id = pa."profileId"
          WHERE a.slug = $1 AND p.status = 'PUBLISHED'`,
        [profile.slug],
      );
      const paths = [`/authors/${profile.slug}`, `/authors/${profile.slug}/feed.xml`, `/authors/${profile.slug}/atom.xml`, "/feed.xml", "/sitemap.xml", ...posts.map((post) => `/posts/${post.slug}`)];
      for (const path of paths) expect((await fetchText(path)).text, path).not.toContain(profile.realName);
    }
  });

  it("never shows the legal desk's case names, protected terms or notes, even on a post linked to the case", async () => {
    const secrets = { name: "R v Quillfeather Desk", term: "Marigold Thistlewood", note: "Desk note: Zebrafinch order" };
    const [post] = await rows<{ id: string; slug: string }>(`SELECT id, slug FROM "Post" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC LIMIT 1`);
    await client.query(
      `INSERT INTO "LegalCase" (id, name, court, reference, state, restrictions, "protectedTerms", notes, "updatedAt")
       VALUES ('e2e-legal-case', $1, 'Leeds Crown Court', 'T2026-SECRET', 'ACTIVE', $2, ARRAY[$3], $4, now()) ON CONFLICT (id) DO NOTHING`,
      [secrets.name, JSON.stringify([{ kind: "other-order", text: secrets.note, expiresOn: null }]), secrets.term, secrets.note],
    );
    await client.query(`INSERT INTO "PostCaseLink" (id, "postId", "caseId") VALUES ('e2e-legal-link', $1, 'e2e-legal-case') ON CONFLICT (id) DO NOTHING`, [post.id]);
    // (A search for a term would show the words searched for: the reader typed them.)
    try {
      const paths = [...(await everyKindOfReaderPage(client)), `/posts/${post.slug}`, `/posts/${post.slug}/share-image.png`, "/feed.xml", "/atom.xml", "/sitemap.xml", "/search?q=court"];
      for (const path of paths) {
        const { text } = await fetchText(path);
        for (const secret of [secrets.name, secrets.term, secrets.note, "T2026-SECRET", "Quillfeather", "Zebrafinch"]) expect(text, `${path} shows ${secret}`).not.toContain(secret);
      }
    } finally {
      // The post stays free of the case for the other tests (an active case's post needs clearance to be updated).
      await client.query(`DELETE FROM "PostCaseLink" WHERE id = 'e2e-legal-link'`);
      await client.query(`DELETE FROM "LegalCase" WHERE id = 'e2e-legal-case'`);
    }
  });
});

describe("hostile markdown", () => {
  it("renders script tags, javascript: links, event handlers and SVG tricks inert", async () => {
    const slug = `hostile-${randomBytes(4).toString("hex")}`;
    const markdown = [
      "Before.",
      "<script>window.__pwned = 'script'</script>",
      "[click me](javascript:window.__pwned='link')",
      '<img src="x" onerror="window.__pwned=\'img\'">',
      '<svg><script>window.__pwned="svg"</script><a xlink:href="javascript:alert(1)">svg</a></svg>',
      '<a href="#" onclick="window.__pwned=\'click\'">handler</a>',
      '<iframe src="javascript:alert(1)"></iframe>',
      "After.",
    ].join("\n\n");
    const [author] = await rows<{ id: string }>(`SELECT id FROM "AuthorProfile" LIMIT 1`);
    const { html } = renderPostMarkdown(markdown);
    await client.query(
      `INSERT INTO "Post" (id, slug, title, "bodyMarkdown", "bodyHtml", excerpt, status, "publishedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, 'x', 'PUBLISHED', now() - interval '3000 days', now())`,
      [`e2e${slug}`, slug, "<script>window.__pwned='title'</script> Hostile", markdown, html],
    );
    await client.query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, $2, 0)`, [`e2e${slug}`, author.id]);

    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(`${baseUrl()}/posts/${slug}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator(".prose").textContent()).resolves.toContain("After.");
    for (const link of await page.locator(".prose a").all()) await link.click({ trial: false, timeout: 2000 }).catch(() => {});
    await page.goto(`${baseUrl()}/posts/${slug}`);
    const article = await page.locator("article").innerHTML();
    expect(article).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    expect(article).not.toMatch(/\son[a-z]+=/i);
    expect(article).not.toMatch(/javascript:/i);
    expect(article).not.toMatch(/<iframe/i);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await expect(page.locator("h1").textContent()).resolves.toContain("<script>");
    await page.close();
  });
});

describe("publishing", () => {
  it("shows a post on the next request after the scheduled-publishing job publishes it", async () => {
    const slug = `just-published-${randomBytes(4).toString("hex")}`;
    const title = `Just published ${slug}`;
    const [author] = await rows<{ id: string }>(`SELECT id FROM "AuthorProfile" LIMIT 1`);
    // Both pages are cached before the post exists: the home page, and the post URL as a 404.
    expect((await fetchText("/")).text).not.toContain(title);
    expect((await fetchText(`/posts/${slug}`)).status).toBe(404);
    expect((await fetchText("/")).text).not.toContain(title);

    await client.query(
      `INSERT INTO "Post" (id, slug, title, "bodyMarkdown", "bodyHtml", excerpt, status, "scheduledFor", "updatedAt")
       VALUES ($1, $2, $3, 'Body.', '<p>Body.</p>', 'Body.', 'SCHEDULED', now() - interval '1 second', now())`,
      [`e2e${slug}`, slug, title],
    );
    await client.query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, $2, 0)`, [`e2e${slug}`, author.id]);
    // The worker's every-minute job publishes it, then invalidates the cache tags: the home page shows
    // it once the invalidation is written (the test's timeout bounds the wait, not a guess at how long).
    for (;;) {
      const [row] = await rows<{ status: string }>(`SELECT status FROM "Post" WHERE slug = $1`, [slug]);
      if (row.status === "PUBLISHED") break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    while (!(await fetchText("/")).text.includes(title)) await new Promise((resolve) => setTimeout(resolve, 200));

    const post = await fetchText(`/posts/${slug}`);
    expect(post.status).toBe(200);
    expect(post.text).toContain(title);
  }, 150_000);
});

/**
 * PostgreSQL logs every statement with the sending process's name (the web server connects as
 * docket-web) for as long as `work` runs; returns the web server's statements, in order.
 */
async function webServerStatements(work: () => Promise<void>): Promise<string[]> {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  await client.query(`ALTER SYSTEM SET log_statement = 'all'`);
  await client.query(`ALTER SYSTEM SET log_line_prefix = '%a|'`);
  await client.query(`SELECT pg_reload_conf()`);
  try {
    await settle(); // every server process has read the new settings
    const start = (await stat(postgresLogFile())).size;
    await work();
    await settle(); // the log's writer has caught up
    const log = (await readFile(postgresLogFile())).subarray(start).toString("utf8");
    return [...log.matchAll(/^docket-web\|LOG:\s+(?:statement|execute [^:]*):\s*(.*)$/gm)]
      .map((match) => match[1])
      .filter((statement) => !/^(BEGIN|COMMIT|ROLLBACK|SET|DEALLOCATE)\b/i.test(statement));
  } finally {
    await client.query(`ALTER SYSTEM RESET log_statement`);
    await client.query(`ALTER SYSTEM RESET log_line_prefix`);
    await client.query(`SELECT pg_reload_conf()`);
  }
}

describe("database queries", () => {
  it("renders a post nobody has requested yet, in a series and a sponsored category, with at most five queries", async () => {
    const slug = `query-budget-${randomBytes(4).toString("hex")}`;
    const title = `Query budget ${slug}`;
    const [author] = await rows<{ id: string }>(`SELECT id FROM "AuthorProfile" LIMIT 1`);
    const [category] = await rows<{ id: string; sponsorName: string }>(`SELECT id, "sponsorName" FROM "Category" WHERE "sponsorName" IS NOT NULL LIMIT 1`);
    const [series] = await rows<{ id: string; position: number }>(
      `SELECT "seriesId" AS id, max("seriesPosition") + 1 AS position FROM "Post" WHERE "seriesId" IS NOT NULL GROUP BY "seriesId" LIMIT 1`,
    );
    // Inserted directly, so no save has warmed any cache for it, and far in the past, so it changes no other page.
    await client.query(
      `INSERT INTO "Post" (id, slug, title, "bodyMarkdown", "bodyHtml", excerpt, status, "publishedAt", "updatedAt", "categoryId", "seriesId", "seriesPosition")
       VALUES ($1, $2, $3, 'Body.', '<p>Body.</p>', 'Body.', 'PUBLISHED', now() - interval '4000 days', now(), $4, $5, $6)`,
      [`e2e${slug}`, slug, title, category.id, series.id, series.position],
    );
    await client.query(`INSERT INTO "PostAuthor" ("postId", "profileId", position) VALUES ($1, $2, 0)`, [`e2e${slug}`, author.id]);

    let page = { status: 0, text: "" };
    const statements = await webServerStatements(async () => {
      page = await fetchText(`/posts/${slug}`);
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain(title);
    expect(page.text).toContain(category.sponsorName);
    expect(statements.some((statement) => statement.includes('"Post"')), statements.join("\n---\n")).toBe(true);
    // Four to render it, and src/proxy.ts's one indexed look-up of a legal hold (made for every request of a post's address).
    expect(statements.length, statements.join("\n---\n")).toBeLessThanOrEqual(5);
  });
});
