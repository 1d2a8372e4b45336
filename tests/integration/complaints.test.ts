// Complaints: the public submission with the comment form's spam defences and a rate limit, the
// acknowledgement email, the editors' queue (states, outcomes, the note trail, resolving with a
// correction), the 7- and 28-day clocks and their reminder emails (an injected clock, no waiting),
// and the yearly summary CSV.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runCommand } from "@/lib/action";
import { AuthorizationError, InputError, UserFacingError } from "@/lib/errors";
import { createFormToken } from "@/features/comments/signing";
import { COMPLAINT_RECEIVED, complaintsSummary, moveComplaintOn, noteOnComplaint, resolveWithCorrection, submitComplaint } from "@/features/complaints/commands";
import { complaintReference, sendComplaintReminders } from "@/features/complaints/notifications";
import { workOffQueuedJobs } from "../helpers/job-queue";
import { createCast, createTestPost, openEditorialTestDatabase, useTestSettings } from "./editorial-fixtures";

let cast: Awaited<ReturnType<typeof createCast>>;
let outbox: string;
let post: Awaited<ReturnType<typeof createTestPost>>;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  outbox = path.join(await useTestSettings(), "outbox");
  await openEditorialTestDatabase();
  cast = await createCast();
  post = await createTestPost(cast.AUTHOR, "PUBLISHED");
});

beforeEach(async () => {
  await db().complaint.deleteMany();
  await db().rateLimitCounter.deleteMany();
});

let ipCounter = 0;
const fields = (extra: Record<string, unknown> = {}) => ({
  name: "Pat Complainant",
  email: "pat.complainant@example.org",
  postAddress: `https://somewhere.example/posts/${post.slug}`,
  clause: "1",
  whatIsWrong: "The hearing was on Tuesday, not Monday.",
  whatWouldPutItRight: "A correction.",
  honeypot: "",
  formToken: createFormToken(new Date(Date.now() - 60_000)),
  ip: `198.51.100.${(ipCounter += 1)}`,
  ...extra,
});

const submit = (extra: Record<string, unknown> = {}) => runCommand(submitComplaint, null, fields(extra));

async function mailsTo(address: string) {
  await workOffQueuedJobs();
  const files = (await readdir(outbox).catch(() => [] as string[])).sort();
  const mails = await Promise.all(files.map(async (file) => simpleParser(await readFile(path.join(outbox, file), "utf8"))));
  return mails.filter((mail) => mail.to && JSON.stringify(mail.to).includes(address)).map((mail) => ({ subject: mail.subject ?? "", text: String(mail.text) }));
}

describe("a reader's complaint", () => {
  it("is stored against the post its address names, acknowledged by email, and announced to the editors", async () => {
    const before = (await mailsTo("pat.complainant@example.org")).length;
    const answer = await submit();
    expect(answer.message).toBe(COMPLAINT_RECEIVED);
    const stored = await db().complaint.findUniqueOrThrow({ where: { id: answer.data.complaintId! } });
    expect(stored).toMatchObject({ postId: post.id, status: "RECEIVED", clause: "1", email: "pat.complainant@example.org", acknowledgedAt: null });
    expect(stored.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.ipHash).not.toContain("198.51.100");

    const reference = complaintReference(stored.id);
    const mine = (await mailsTo("pat.complainant@example.org")).slice(before);
    expect(mine.map((mail) => mail.subject)).toEqual([`We have your complaint (reference ${reference})`]);
    expect(mine[0].text).toContain("1 Accuracy");
    expect(mine[0].text).toMatch(/write to you by \d{1,2} \w+ \d{4}/);
    const editors = await mailsTo("editor@docket.test");
    expect(editors.map((mail) => mail.subject)).toContain(`New complaint ${reference}: 1 Accuracy`);
    // The complainant's address goes to them alone, never to the editors' notice.
    expect(editors.find((mail) => mail.subject.includes(reference))!.text).not.toContain("pat.complainant@example.org");
    expect((await mailsTo("author@docket.test")).map((mail) => mail.subject)).not.toContain(`New complaint ${reference}: 1 Accuracy`);
  });

  it("answers a bot as it answers a person, and keeps nothing of what it sent", async () => {
    for (const extra of [{ honeypot: "http://spam.example" }, { formToken: "abc.forged" }, { formToken: createFormToken(new Date()) }]) {
      const answer = await submit({ ...extra, email: "bot@example.org" });
      expect(answer.message).toBe(COMPLAINT_RECEIVED);
    }
    expect(await db().complaint.count()).toBe(0);
    expect(await mailsTo("bot@example.org")).toEqual([]);
    // Without JavaScript there is no token: a person, kept.
    await submit({ formToken: undefined });
    expect(await db().complaint.count()).toBe(1);
  });

  it("refuses bad input with the field's message, and a sixth complaint in an hour from one address", async () => {
    await expect(submit({ email: "not an address" })).rejects.toMatchObject({ fieldErrors: { email: "Enter a valid email address, like name@example.org." } });
    await expect(submit({ clause: "99" })).rejects.toMatchObject({ fieldErrors: { clause: "Choose the part of the Code, or “Something else”." } });
    await expect(submit({ whatIsWrong: "  " })).rejects.toBeInstanceOf(InputError);
    for (let index = 0; index < 5; index += 1) await submit({ ip: "203.0.113.7" });
    const refused = await submit({ ip: "203.0.113.7" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect(refused).toMatchObject({ httpStatus: 429 });
    expect(await db().complaint.count()).toBe(5);
  });
});

describe("the editors' queue", () => {
  it("moves a complaint through its states with a note trail; resolving needs an outcome and ends the moves", async () => {
    const { data } = await submit();
    const id = data.complaintId!;
    await runCommand(noteOnComplaint, cast.EDITOR, { complaintId: id, body: "Checked the court list." });
    await runCommand(moveComplaintOn, cast.EDITOR, { complaintId: id, to: "INVESTIGATING" });
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).acknowledgedAt).toBeInstanceOf(Date);
    await expect(runCommand(moveComplaintOn, cast.EDITOR, { complaintId: id, to: "RESOLVED" })).rejects.toThrow("Choose the outcome.");
    await runCommand(moveComplaintOn, cast.EDITOR, { complaintId: id, to: "RESOLVED", outcome: "NOT_UPHELD" });
    await expect(runCommand(moveComplaintOn, cast.EDITOR, { complaintId: id, to: "ESCALATED" })).rejects.toThrow("This complaint is resolved: add a note if there is more to say.");
    const stored = await db().complaint.findUniqueOrThrow({ where: { id }, include: { notes: { orderBy: { createdAt: "asc" } } } });
    expect(stored).toMatchObject({ status: "RESOLVED", outcome: "NOT_UPHELD", resolvedAt: expect.any(Date) });
    expect(stored.notes.map((note) => [note.authorName, note.body])).toEqual([
      ["Eddie Editor", "Checked the court list."],
      ["Eddie Editor", "Investigating."],
      ["Eddie Editor", "Resolved: not upheld."],
    ]);
    await expect(runCommand(noteOnComplaint, cast.AUTHOR, { complaintId: id, body: "Mine." })).rejects.toBeInstanceOf(AuthorizationError);
  });

  it("resolves with a correction in one click, landing on the post's correction form", async () => {
    const { data } = await submit();
    const outcome = await runCommand(resolveWithCorrection, cast.EDITOR, { complaintId: data.complaintId! });
    expect(outcome.redirectTo).toBe(`/admin/posts/${post.id}#corrections-heading`);
    expect(await db().complaint.findUniqueOrThrow({ where: { id: data.complaintId! } })).toMatchObject({ status: "RESOLVED", outcome: "CORRECTED" });
    const unmatched = await submit({ postAddress: "https://elsewhere.example/not-a-post" });
    await expect(runCommand(resolveWithCorrection, cast.EDITOR, { complaintId: unmatched.data.complaintId! })).rejects.toThrow("This complaint names no published post of ours");
  });

  it("counts a year's complaints by clause and outcome as CSV", async () => {
    const resolved = await submit();
    await runCommand(moveComplaintOn, cast.EDITOR, { complaintId: resolved.data.complaintId!, to: "RESOLVED", outcome: "CORRECTED" });
    await submit();
    await submit({ clause: "2" });
    const lastYear = await submit({ clause: "2" });
    await db().complaint.update({ where: { id: lastYear.data.complaintId! }, data: { receivedAt: new Date(Date.UTC(new Date().getUTCFullYear() - 1, 5, 1)) } });
    const { data } = await runCommand(complaintsSummary, cast.EDITOR, { year: String(new Date().getUTCFullYear()) });
    const lines = data.csv.trim().split("\r\n");
    expect(lines[0]).toBe("Clause,Received,Corrected,Clarified,Reply published,Not upheld,Not resolved yet");
    expect(lines).toContain("1 Accuracy,2,1,0,0,0,1");
    expect(lines).toContain("2 Privacy,1,0,0,0,0,1");
    expect(lines.at(-1)).toBe("All,3,1,0,0,0,2");
    await expect(runCommand(complaintsSummary, cast.EDITOR, { year: "1999" })).rejects.toThrow("Give a year from 2000.");
  });
});

describe("the clocks", () => {
  it("remind the editors once as each deadline nears, and not once it is met", async () => {
    const received = new Date("2026-03-02T10:00:00Z");
    const { data } = await submit();
    const id = data.complaintId!;
    await db().complaint.update({ where: { id }, data: { receivedAt: received } });
    const at = (days: number, hours = 0) => new Date(received.getTime() + days * DAY + hours * 3600_000);
    const reminders = (now: Date) => sendComplaintReminders(now);

    expect(await reminders(at(4, 23))).toEqual({ acknowledgement: 0, resolution: 0 });
    expect(await reminders(at(5, 1))).toEqual({ acknowledgement: 1, resolution: 0 });
    expect(await reminders(at(6))).toEqual({ acknowledgement: 0, resolution: 0 });
    const subjects = (await mailsTo("editor@docket.test")).map((mail) => mail.subject);
    expect(subjects).toContain("Acknowledge a complaint soon");
    const reminder = (await mailsTo("editor@docket.test")).find((mail) => mail.subject === "Acknowledge a complaint soon")!;
    expect(reminder.text).toContain(`${complaintReference(id)} (1 Accuracy): acknowledge by 9 March 2026.`);

    await runCommand(moveComplaintOn, cast.EDITOR, { complaintId: id, to: "ACKNOWLEDGED" });
    expect(await reminders(at(22, 23))).toEqual({ acknowledgement: 0, resolution: 0 });
    expect(await reminders(at(23, 1))).toEqual({ acknowledgement: 0, resolution: 1 });
    expect(await reminders(at(40))).toEqual({ acknowledgement: 0, resolution: 0 });
    expect((await mailsTo("admin@docket.test")).map((mail) => mail.subject)).toContain("Resolve a complaint soon");

    // One acknowledged in time is never reminded; one resolved is never reminded to resolve.
    const prompt = await submit();
    await db().complaint.update({ where: { id: prompt.data.complaintId! }, data: { receivedAt: received } });
    await runCommand(moveComplaintOn, cast.EDITOR, { complaintId: prompt.data.complaintId!, to: "RESOLVED", outcome: "CLARIFIED" });
    expect(await reminders(at(30))).toEqual({ acknowledgement: 0, resolution: 0 });
  });
});
