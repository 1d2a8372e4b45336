// The legal gate on the two paths that write live posts in bulk: a WordPress import into a site with
// cases arrives with each published post the gate would stop on hold (and a report line), a site with
// no case imports as before; a restore holds each published post whose live version now needs clearance.
import { createReadStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { LocalFileStorage } from "@/lib/storage";
import { DEFAULT_IMPORT_OPTIONS, importWordPressFile } from "@/features/wordpress/import/import";
import { writeSiteBackupFile } from "@/features/backup/site-backup";
import { restoreSiteBackupCommand } from "@/features/backup/commands";
import { insertPosts } from "@/features/posts/store";
import { switchToNewDatabase } from "../helpers/database";
import { createTestUser, emptySnapshot, useTestSettings } from "./editorial-fixtures";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/wordpress/wxr-1.0.xml");

async function heldTitles(): Promise<string[]> {
  return (await db().legalHold.findMany({ select: { post: { select: { title: true } } } })).map((hold) => hold.post.title).sort();
}

describe("the legal gate on imports and restores", () => {
  it("imports a site with no cases as before: nothing held", async () => {
    await useTestSettings();
    await switchToNewDatabase("legal-import-none");
    const report = await importWordPressFile(FIXTURE, DEFAULT_IMPORT_OPTIONS);
    expect(report.problems.filter((line) => line.includes("legal hold"))).toEqual([]);
    expect(await db().legalHold.count()).toBe(0);
    expect(await db().legalCase.count()).toBe(0);
  });

  it("imports a published post that holds a protected term on hold, with a report line", async () => {
    await useTestSettings();
    await switchToNewDatabase("legal-import-case");
    await db().legalCase.create({ data: { name: "R v Bench", state: "ACTIVE", protectedTerms: ["asleep on the bench"] } });
    const report = await importWordPressFile(FIXTURE, DEFAULT_IMPORT_OPTIONS);
    const held = await db().legalHold.findMany({ select: { reason: true, post: { select: { title: true, status: true, bodyMarkdown: true } } } });
    expect(held).toHaveLength(1);
    expect(held[0].post.status).toBe("PUBLISHED");
    expect(held[0].post.bodyMarkdown).toContain("asleep on the bench");
    expect(held[0].reason).toMatch(/^Imported from WordPress published, but it needs a legal reviewer's clearance/);
    expect(report.problems.filter((line) => line.includes("legal hold"))).toEqual([
      expect.stringContaining("was imported on legal hold (readers do not see it) because it holds a protected name or term (in the body)"),
    ]);
  });

  it("holds, after a restore, each published post whose live version needs a clearance it does not have", async () => {
    await useTestSettings();
    await switchToNewDatabase("legal-restore-source");
    const admin = await createTestUser("admin@docket.test", "ADMIN", "Ada Admin");
    const legalCase = await db().legalCase.create({ data: { name: "R v Doe", state: "ACTIVE", protectedTerms: ["Jane Doe"] } });
    const published = (title: string, body: string) => ({ status: "PUBLISHED" as const, createdById: admin.id, revisionAuthorId: admin.id, publishedAt: new Date(), snapshot: { ...emptySnapshot, slug: title.toLowerCase().replaceAll(" ", "-"), title, bodyMarkdown: body, authorProfileIds: [admin.profileId!] } });
    const [, linked, cleared] = await insertPosts([published("Names her", "Jane Doe spoke."), published("About the case", "Nothing named."), published("Cleared one", "Jane Doe, named in open court."), published("Plain", "Probation.")]);
    await db().postCaseLink.create({ data: { postId: linked, caseId: legalCase.id } });
    const clearedRevision = await db().post.findUniqueOrThrow({ where: { id: cleared }, select: { liveRevisionId: true } });
    await db().legalClearance.create({ data: { revisionId: clearedRevision.liveRevisionId!, postId: cleared, reviewerId: admin.id, note: "Named in open court; no order." } });
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "docket-legal-restore-")), "site.json.gz");
    await writeSiteBackupFile(file, new LocalFileStorage(await mkdtemp(path.join(os.tmpdir(), "docket-legal-uploads-"))));

    await switchToNewDatabase("legal-restore-target");
    const outcome = await runCommand(restoreSiteBackupCommand, admin, { body: Readable.toWeb(createReadStream(file)), fileName: "site.json.gz" });
    expect(await heldTitles()).toEqual(["About the case", "Names her"]);
    expect(outcome.message).toContain("2 published posts were put on legal hold because a legal reviewer must clear them first");
  });
});
