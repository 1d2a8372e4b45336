// What a hostile visitor, a standards auditor and a search engine found (issue #14), on the
// production build: who the client is behind TRUST_PROXY, NUL and broken percent-encoding in
// addresses, security headers and a CSP that breaks nothing, share and JSON-LD URLs that answer,
// feed autodiscovery, and uniquely named landmarks.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/embedded-postgres";
import { startWebServer, stopProcess, waitForHttp } from "../../scripts/lib/services";
import { baseUrl, connectToTestDatabase, e2eDatabaseUrl, everyKindOfReaderPage, openBrowser, sessionCookieFor } from "../helpers/e2e";

let browser: Browser;
let client: pg.Client;
let post: { id: string; slug: string };
let draftId: string;

beforeAll(async () => {
  browser = await openBrowser();
  client = await connectToTestDatabase();
  post = (
    await client.query<{ id: string; slug: string }>(
      `SELECT id, slug FROM "Post" WHERE status = 'PUBLISHED' AND "commentsOpen" ORDER BY "publishedAt" DESC LIMIT 1`,
    )
  ).rows[0];
  draftId = (await client.query<{ id: string }>(`SELECT id FROM "Post" WHERE status = 'DRAFT' ORDER BY "updatedAt" DESC LIMIT 1`)).rows[0].id;
});
afterAll(async () => {
  await browser?.close();
  await client?.end();
});

const unique = () => randomBytes(4).toString("hex");

async function fetchText(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { redirect: "manual", ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Posts a comment as the hydrated form does; the status says whether it was taken (201/202) or refused. */
async function postComment(server: string, marker: string, index: number, forwardedFor?: string, extraHeaders: Record<string, string> = {}): Promise<number> {
  const form = new FormData();
  form.set("postId", post.id);
  form.set("authorName", `Proxy test ${index}`);
  form.set("authorEmail", `trust-${marker}-${index}@example.org`);
  form.set("body", `Comment ${index} of the TRUST_PROXY test ${marker}`);
  form.set("url", "");
  const headers: Record<string, string> = { origin: server, ...extraHeaders };
  if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
  const response = await fetch(`${server}/api/comments`, { method: "POST", body: form, headers });
  await response.arrayBuffer();
  return response.status;
}

async function storedIpHashes(marker: string): Promise<(string | null)[]> {
  const { rows } = await client.query<{ ipHash: string | null }>(
    `SELECT "ipHash" FROM "Comment" WHERE "authorEmail" LIKE $1 ORDER BY "createdAt"`,
    [`trust-${marker}-%`],
  );
  return rows.map((row) => row.ipHash);
}

describe("the client's address (TRUST_PROXY)", () => {
  let direct: ChildProcess | undefined;
  afterAll(async () => {
    await stopProcess(direct);
    await client.query(`DELETE FROM "Comment" WHERE "authorEmail" LIKE 'trust-%@example.org'`);
  });

  it("is the connection's when TRUST_PROXY is off: 71 comments with made-up address headers count as one address", async () => {
    const port = await findFreePort();
    const server = `http://localhost:${port}`;
    direct = startWebServer(
      {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: ".next-test",
        DATABASE_URL: e2eDatabaseUrl(),
        DOCKET_DATA_DIR: inject("dataDir"),
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        NEXTAUTH_URL: server,
        SITE_URL: server,
        TRUST_PROXY: "false",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      port,
      path.join(inject("dataDir"), "logs", "web-direct.log"),
    );
    await waitForHttp(`${server}/`, direct, 120_000);
    const marker = unique();
    const statuses: number[] = [];
    // Each also names itself in the header Docket's server uses to hand the address to the app.
    for (let index = 0; index < 71; index++) {
      statuses.push(await postComment(server, marker, index, `203.0.113.${index + 1}`, { "x-docket-client-address": `198.51.100.${index + 1}` }));
    }
    const taken = statuses.filter((status) => status === 201 || status === 202).length;
    expect(taken, `statuses: ${statuses.join(" ")}`).toBeGreaterThan(0);
    expect(taken, `statuses: ${statuses.join(" ")}`).toBeLessThanOrEqual(20);
    expect(statuses.filter((status) => status === 429).length).toBe(71 - taken);
    expect(new Set(await storedIpHashes(marker)).size).toBe(1);
  });

  it("is the forwarded one through a trusted proxy hop (the test server runs with TRUST_PROXY=1)", async () => {
    const marker = unique();
    const addresses = Array.from({ length: 25 }, (_, index) => `198.18.${Math.floor(Math.random() * 200)}.${index + 1}`);
    const statuses: number[] = [];
    for (const [index, address] of addresses.entries()) statuses.push(await postComment(baseUrl(), marker, index, `6.6.6.6, ${address}`));
    expect(statuses.every((status) => status === 201 || status === 202), `statuses: ${statuses.join(" ")}`).toBe(true);
    expect(new Set(await storedIpHashes(marker)).size).toBe(25);
    // The first address again, with a new email, within the flood interval: the same commenter.
    expect(await postComment(baseUrl(), marker, 99, addresses[0])).toBe(429);
  });
});

describe("hostile addresses", () => {
  const notFoundHeading = "We can’t find that page";
  const emptySearch = "Search titles, introductions, posts and author names";
  const inSiteDesign = (html: string) => html.includes('class="masthead"');

  it("answers NUL in a path or a query with the page it would be without it, never a 500", async () => {
    const search = await fetchText(`${baseUrl()}/search?q=%00`);
    expect(search.status).toBe(200);
    expect(search.text).toContain(emptySearch);
    for (const address of ["/posts/%00", "/tags/%00", "/series/%00", "/categories/%00", "/authors/%00", "/%00", `/posts/${post.slug}%00`]) {
      const answer = await fetchText(`${baseUrl()}${address}`);
      expect(answer.status, address).toBe(404);
      expect(answer.text, address).toContain(notFoundHeading);
    }
    const searchPath = await fetchText(`${baseUrl()}/search/%00/1`);
    expect(searchPath.status).toBeLessThan(500);
    const withQuery = await fetchText(`${baseUrl()}/posts/${post.slug}?ref=%00`);
    expect(withQuery.status).toBe(200);
  });

  it("answers broken percent-encoding in a path with a 400 or 404 in the site's design", async () => {
    for (const address of ["/%", "/posts/%E0%A4%A", "/tags/%E0%A4%A", "/search/%E0%A4%A/1", "/posts/%FF", "/admin/%"]) {
      const answer = await fetchText(`${baseUrl()}${address}`);
      expect([400, 404], `${address}: ${answer.status} ${answer.text.slice(0, 80)}`).toContain(answer.status);
      expect(answer.text, address).toContain(notFoundHeading);
      expect(inSiteDesign(answer.text), address).toBe(true);
    }
    const query = await fetchText(`${baseUrl()}/search?q=%E0%A4%A`);
    expect(query.status).toBe(200);
  });
});

/** A signed-in admin's session, made directly in the database. */
function directives(policy: string | null): Map<string, string> {
  return new Map(
    (policy ?? "")
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(/\s+/)[0], part.split(/\s+/).slice(1).join(" ")] as [string, string]),
  );
}

describe("security headers", () => {
  it("sends a CSP, nosniff, a referrer policy and a permissions policy on every kind of response", async () => {
    const key = `harden-${unique()}.png`;
    await mkdir(path.join(inject("dataDir"), "uploads"), { recursive: true });
    await writeFile(path.join(inject("dataDir"), "uploads", key), Buffer.from("89504e470d0a1a0a", "hex"));
    const cookie = await sessionCookieFor(client, "ADMIN");
    const signedIn = { cookie: `${cookie.name}=${cookie.value}` };
    const routes: { kind: string; path: string; headers?: Record<string, string>; admin?: boolean }[] = [
      { kind: "reader page", path: "/" },
      { kind: "post", path: `/posts/${post.slug}` },
      { kind: "404", path: `/no-such-page-${unique()}` },
      { kind: "feed", path: "/feed.xml" },
      { kind: "sitemap", path: "/sitemap.xml" },
      { kind: "upload", path: `/uploads/${key}` },
      { kind: "API", path: "/api/comments/form-token" },
      { kind: "admin sign-in", path: "/admin/sign-in", admin: true },
      { kind: "admin", path: "/admin", headers: signedIn, admin: true },
      { kind: "editor", path: `/admin/posts/${draftId}`, headers: signedIn, admin: true },
    ];
    for (const route of routes) {
      const response = await fetch(`${baseUrl()}${route.path}`, { headers: route.headers, redirect: "manual" });
      await response.arrayBuffer();
      const label = `${route.kind} ${route.path} (${response.status})`;
      expect(response.status, label).toBeLessThan(400 + (route.kind === "404" ? 5 : 0));
      expect(response.headers.get("x-content-type-options"), label).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), label).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy"), label).toMatch(/camera=\(\)/);
      // The test server is plain http: no HSTS (it would pin browsers to https on localhost).
      expect(response.headers.get("strict-transport-security"), label).toBeNull();
      const policy = directives(response.headers.get("content-security-policy"));
      if (route.kind === "upload") {
        expect(policy.get("default-src"), label).toBe("'none'");
        continue;
      }
      expect(policy.get("default-src"), label).toBe("'self'");
      expect(policy.get("object-src"), label).toBe("'none'");
      expect(policy.get("base-uri"), label).toBe("'self'");
      expect(policy.get("form-action"), label).toBe("'self'");
      expect(policy.get("frame-ancestors"), label).toBe(route.admin ? "'none'" : "'self'");
      expect(policy.get("script-src"), label).toBeDefined();
      expect(policy.get("script-src"), label).not.toMatch(/unsafe-eval|\*/);
    }
  });

  it("breaks nothing: no CSP violation on reader pages, the admin or the editor, and the scripts still run", async () => {
    const violations: string[] = [];
    const watch = async (page: Page, label: string) => {
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(`${label}: ${message.text()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
        });
      });
    };
    const reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const readerPage = await reader.newPage();
    await watch(readerPage, "reader");
    for (const address of await everyKindOfReaderPage(client)) {
      const response = await readerPage.goto(`${baseUrl()}${address}`);
      expect(response?.headers()["content-security-policy"], address).toBeTruthy();
      await readerPage.waitForLoadState("networkidle");
    }
    // The comment form fetches its token with JavaScript: scripts run under the policy.
    await readerPage.goto(`${baseUrl()}/posts/${post.slug}`);
    await readerPage.waitForFunction(() => (document.querySelector<HTMLInputElement>('#respond input[name="formToken"]')?.value ?? "") !== "");
    await reader.close();

    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await admin.addCookies([await sessionCookieFor(client, "ADMIN")]);
    const adminPage = await admin.newPage();
    await watch(adminPage, "admin");
    for (const address of ["/admin", "/admin/posts", "/admin/comments", "/admin/people", "/admin/settings", "/admin/menus", `/admin/posts/${post.id}/history`]) {
      await adminPage.goto(`${baseUrl()}${address}`);
      await adminPage.waitForLoadState("networkidle");
    }
    // The editor (a draft): the rich-text editor loads, and its live preview renders as the writer types.
    await adminPage.goto(`${baseUrl()}/admin/posts/${draftId}`);
    await adminPage.waitForLoadState("networkidle");
    await adminPage.getByRole("textbox", { name: "Text", exact: true }).click();
    await adminPage.keyboard.press("End");
    await adminPage.keyboard.type(" CSP check");
    await adminPage.waitForLoadState("networkidle");
    await admin.close();
    expect(violations).toEqual([]);
  });
});

/** Every absolute URL in a JSON-LD value. */
function urlsIn(value: unknown): string[] {
  if (typeof value === "string") return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => (key === "@context" ? [] : urlsIn(item)));
  return [];
}

const metaContent = (html: string, attribute: "property" | "name", key: string) =>
  [...html.matchAll(new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`, "g"))].map((match) => match[1].replaceAll("&amp;", "&"));

describe("what search engines and social sites follow", () => {
  it("every URL in JSON-LD and Open Graph on every kind of reader page answers 200", async () => {
    const site = new URL(baseUrl());
    const broken: string[] = [];
    const checked = new Set<string>();
    const pages = await everyKindOfReaderPage(client);
    const postPage = pages.find((address) => /^\/posts\/[^/]+$/.test(address))!;
    for (const address of pages) {
      const { text } = await fetchText(`${baseUrl()}${address}`);
      const jsonLd = [...text.matchAll(/<script type="application\/ld\+json">([^<]+)<\/script>/g)].flatMap((match) => JSON.parse(match[1]));
      const openGraph = ["og:url", "og:image", "og:image:secure_url"].flatMap((key) => metaContent(text, "property", key));
      const twitter = metaContent(text, "name", "twitter:image");
      for (const url of [...urlsIn(jsonLd), ...openGraph, ...twitter]) {
        const target = new URL(url);
        if (target.host !== site.host || checked.has(target.href)) continue; // x.com and the like are not ours to check
        checked.add(target.href);
        const answer = await fetch(target, { redirect: "manual" });
        await answer.arrayBuffer();
        if (answer.status !== 200) broken.push(`${address}: ${url} → ${answer.status}`);
      }
    }
    expect(broken).toEqual([]);
    expect([...checked].some((url) => url.includes(postPage) && /image/.test(url))).toBe(true);
  });

  it("gives every reader page feed autodiscovery, an og:url and a share image for its large-image card", async () => {
    const problems: string[] = [];
    for (const address of await everyKindOfReaderPage(client)) {
      const { text, status } = await fetchText(`${baseUrl()}${address}`);
      const alternates = [...text.matchAll(/<link rel="alternate" type="application\/(rss|atom)\+xml"[^>]*href="([^"]+)"/g)].map((match) => new URL(match[2]).pathname);
      if (!alternates.includes("/feed.xml") || !alternates.includes("/atom.xml")) problems.push(`${address}: feeds linked ${JSON.stringify(alternates)}`);
      const scoped = address.match(/^\/(series|categories|authors)\/[^/]+$/);
      if (scoped && !alternates.includes(`${address}/feed.xml`)) problems.push(`${address}: its own feed is not linked`);
      if (status === 404) continue; // a missing page has no address of its own to share
      if (address.startsWith("/preview/")) continue; // a preview link is a secret, never a page to share
      if (metaContent(text, "name", "twitter:card")[0] === "summary_large_image" && metaContent(text, "property", "og:image").length === 0) {
        problems.push(`${address}: a large-image card without an image`);
      }
      if (metaContent(text, "property", "og:url").length === 0) problems.push(`${address}: no og:url`);
    }
    expect(problems).toEqual([]);
  });
});

describe("landmarks", () => {
  it("names each landmark uniquely where a page has two of a kind (axe landmark-unique), at desktop width", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const address of [...(await everyKindOfReaderPage(client)), "/search?q=zzzz-no-results"]) {
      await page.goto(`${baseUrl()}${address}`);
      const duplicates = await page.evaluate(() => {
        const roleOf = (element: Element): string | null => {
          const explicit = element.getAttribute("role");
          if (explicit) return explicit;
          const tag = element.tagName.toLowerCase();
          const named = element.hasAttribute("aria-label") || element.hasAttribute("aria-labelledby");
          const sectioned = element.parentElement?.closest("article, aside, main, nav, section") !== null;
          return (
            { nav: "navigation", main: "main", aside: "complementary", search: "search" }[tag] ??
            (tag === "header" && !sectioned ? "banner" : tag === "footer" && !sectioned ? "contentinfo" : null) ??
            ((tag === "section" || tag === "form") && named ? (tag === "section" ? "region" : "form") : null)
          );
        };
        const nameOf = (element: Element) =>
          element.getAttribute("aria-label") ??
          (element.getAttribute("aria-labelledby") ?? "")
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
            .join(" ");
        const landmarks = new Map<string, string[]>();
        for (const element of document.querySelectorAll("header, footer, nav, main, aside, search, section, form, [role]")) {
          const role = roleOf(element);
          if (!role || !["banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"].includes(role)) continue;
          if (element.getClientRects().length === 0 || getComputedStyle(element).visibility === "hidden") continue;
          landmarks.set(role, [...(landmarks.get(role) ?? []), nameOf(element).trim()]);
        }
        return [...landmarks].filter(([, names]) => names.length > 1 && new Set(names).size < names.length).map(([role, names]) => `${role} ${JSON.stringify(names)}`);
      });
      problems.push(...duplicates.map((problem) => `${address}: ${problem}`));
    }
    await context.close();
    expect(problems).toEqual([]);
  });
});
