import { describe, expect, it } from "vitest";
import { renderCommentMarkdown } from "@/lib/markdown";
import { bylineName, coAuthorNameFromTerm, commentMarkdown, commentsParentsFirst, mapPostStatus, slugFor, standfirstFrom } from "./mapping";
import { chooseCategory, parseCategoryMap, permalinkPath, sitePath } from "./plan";
import type { WxrComment } from "../wxr/types";

const dates = { postDateGmt: new Date("2024-03-04T09:15:00Z"), postDate: "2024-03-04 09:15:00", pubDate: null, postModifiedGmt: new Date("2024-03-05T10:00:00Z") };

describe("post statuses", () => {
  it("maps each WordPress status, and leaves out what Docket does not keep", () => {
    expect(mapPostStatus({ ...dates, status: "publish", postPassword: "" })).toMatchObject({ status: "PUBLISHED", publishedAt: dates.postDateGmt, choice: null });
    expect(mapPostStatus({ ...dates, status: "future", postPassword: "" })).toMatchObject({ status: "SCHEDULED", scheduledFor: dates.postDateGmt });
    expect(mapPostStatus({ ...dates, status: "pending", postPassword: "" })).toMatchObject({ status: "SUBMITTED", submittedAt: dates.postModifiedGmt });
    expect(mapPostStatus({ ...dates, status: "private", postPassword: "" })?.choice).toMatch(/private/);
    expect(mapPostStatus({ ...dates, status: "publish", postPassword: "secret" })).toMatchObject({ status: "DRAFT", choice: expect.stringMatching(/password/) });
    expect(mapPostStatus({ ...dates, status: "trash", postPassword: "" })).toBeNull();
    expect(mapPostStatus({ ...dates, status: "auto-draft", postPassword: "" })).toBeNull();
  });
});

describe("comment text", () => {
  it("keeps plain text as it is, with its paragraphs and line breaks", () => {
    expect(commentMarkdown("One line\nand the next.\n\nA second paragraph.")).toBe("One line  \nand the next.\n\nA second paragraph.");
  });

  it("converts HTML, and escapes what markdown would read as markup", () => {
    expect(commentMarkdown("<strong>Bold</strong> and <a href=\"https://example.org/\">a link</a>")).toBe("**Bold** and [a link](https://example.org/)");
    expect(renderCommentMarkdown(commentMarkdown("- not a list\n# not a heading"))).not.toMatch(/<li>|<h1>/);
    expect(renderCommentMarkdown(commentMarkdown("<script>alert(1)</script>Hi"))).not.toContain("<script");
  });

  it("orders a thread parents first and turns answers to missing comments into comments of their own", () => {
    const comment = (id: number, parent: number) => ({ id, parent }) as WxrComment;
    const { ordered, orphans } = commentsParentsFirst([comment(3, 2), comment(2, 1), comment(1, 0), comment(4, 99)]);
    expect(ordered.map((entry) => [entry.id, entry.parent])).toEqual([[1, 0], [2, 1], [3, 2], [4, 0]]);
    expect(orphans.map((entry) => entry.id)).toEqual([4]);
  });
});

describe("names, slugs and standfirsts", () => {
  it("names a byline by its display name or full name, never its login", () => {
    expect(bylineName({ displayName: "Tom &amp; Co", firstName: "", lastName: "", login: "tom" })).toBe("Tom & Co");
    expect(bylineName({ displayName: "", firstName: "Tom", lastName: "Callan", login: "tcallan" })).toBe("Tom Callan");
    expect(bylineName({ displayName: "", firstName: "", lastName: "", login: "tcallan" })).toBe("tcallan");
    expect(coAuthorNameFromTerm("Aisha Rahman Aisha Rahman aisha-rahman 301 aisha@example.org", "aisha-rahman")).toBe("Aisha Rahman");
    expect(coAuthorNameFromTerm("no login here", "someone")).toBeNull();
  });

  it("takes the slug WordPress gave (decoding non-ASCII ones) or makes one from the title", () => {
    expect(slugFor({ postName: "caf%c3%a9-society", title: "x", postId: 1 })).toBe("cafe-society");
    expect(slugFor({ postName: "", title: "Youth diversion &amp; schemes", postId: 2 })).toBe("youth-diversion-and-schemes");
    expect(slugFor({ postName: "", title: "", postId: 3 })).toBe("post-3");
  });

  it("makes the excerpt a plain-text standfirst, cut to length", () => {
    expect(standfirstFrom("<p>Short &amp; <em>sweet</em>.</p>")).toEqual({ standfirst: "Short & sweet .", cut: false });
    const long = standfirstFrom("word ".repeat(200));
    expect(long.cut).toBe(true);
    expect(long.standfirst!.length).toBeLessThanOrEqual(600);
  });
});

describe("categories and addresses", () => {
  it("chooses the first category, or the map's preferred one; Uncategorized means none", () => {
    expect(chooseCategory(["sentencing", "prisons"], null)).toEqual({ category: "sentencing", demoted: ["prisons"] });
    expect(chooseCategory(["uncategorized"], null)).toEqual({ category: null, demoted: [] });
    expect(chooseCategory(["sentencing", "prisons"], parseCategoryMap("prisons\n"))).toEqual({ category: "prisons", demoted: ["sentencing"] });
  });

  it("reads a category map and says which line it cannot read", () => {
    const map = parseCategoryMap("# comment\ncourts = justice\nold-stuff = -\nprisons\n");
    expect(map.order).toEqual(["courts", "old-stuff", "prisons"]);
    expect([...map.target]).toEqual([["courts", "justice"], ["old-stuff", null]]);
    expect(() => parseCategoryMap("a = b = c")).toThrow('Line 1 of the category map is not "wordpress-slug = docket-slug": a = b = c');
  });

  it("works out permalinks from the date-and-slug structure, and paths on the old site", () => {
    const item = { postId: 103, postName: "bail-hearings-by-video", postDate: "2024-07-01 08:00:00" };
    expect(permalinkPath("/%year%/%monthnum%/%day%/%postname%/", item)).toBe("/2024/07/01/bail-hearings-by-video/");
    expect(permalinkPath("/archives/%post_id%/", item)).toBe("/archives/103/");
    expect(sitePath("https://benchnotes.example/2024/03/04/slug/", "https://benchnotes.example")).toBe("/2024/03/04/slug/");
    expect(sitePath("https://benchnotes.example/?p=103", "https://benchnotes.example")).toBeNull();
    expect(sitePath("https://elsewhere.example/2024/x/", "https://benchnotes.example")).toBeNull();
    expect(sitePath("https://example.org/blog/2024/x/", "https://example.org/blog")).toBe("/2024/x/");
  });
});
