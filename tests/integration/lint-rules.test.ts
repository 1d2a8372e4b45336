// The layering rules are lint rules: each is proved here on a small file that breaks it, in every
// spelling an import can take (the "@/" alias, a relative path, a dynamic import(), a require).
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const projectRoot = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;
let withCycles: ESLint;
beforeAll(() => {
  // import/no-cycle reads the linted file's own exports from disk, and most files here exist only in
  // the test: it has its own case below, on a file that exists.
  eslint = new ESLint({ cwd: projectRoot, overrideConfig: { rules: { "import/no-cycle": "off" } } });
  withCycles = new ESLint({ cwd: projectRoot });
});

async function messagesFor(filePath: string, code: string, linter = () => eslint): Promise<string[]> {
  const [result] = await linter().lintText(code, { filePath });
  return result.messages.map((message) => message.message);
}

const DATABASE = "The database is used only from a feature's data.ts or mutations.ts";
const FEATURE_ORDER = "posts may import only the features before it";
const BELOW_FEATURES = "src/lib and src/components are below every feature";
const ONE_CLIENT = "The one Prisma client is db() in src/lib/db.ts";

describe("lint keeps the database client in the data layer", () => {
  it("refuses it in components and pages, however the import is spelled", async () => {
    const spellings = [
      'import { db } from "@/lib/db";\nexport const count = () => db().post.count();\n',
      'import { db } from "../../../lib/db";\nexport const count = () => db().post.count();\n',
      'export const count = async () => (await import("../../../lib/db")).db().post.count();\n',
      'const { db } = require("../../../lib/db");\nexport const count = () => db().post.count();\n',
    ];
    for (const code of spellings) expect(await messagesFor("src/features/posts/components/Sneaky.tsx", code), code).toContainEqual(expect.stringContaining(DATABASE));
    expect(await messagesFor("src/app/(site)/sneaky/page.tsx", 'import { db } from "../../../lib/db";\nexport default function Page() { return db(); }\n')).toContainEqual(
      expect.stringContaining(DATABASE),
    );
  });

  it("refuses the drivers beneath it: pg, Prisma's adapter and pg-boss", async () => {
    for (const driver of ["pg", "@prisma/adapter-pg", "pg-boss"]) {
      const messages = await messagesFor("src/features/posts/reports.ts", `import * as driver from "${driver}";\nexport { driver };\n`);
      expect(messages, driver).toContainEqual(expect.stringContaining(DATABASE));
    }
  });

  it("refuses a second Prisma client anywhere in src, even in a data file, however it is named", async () => {
    const attempts = [
      ["src/features/posts/data.ts", 'import "server-only";\nimport { PrismaClient } from "@/generated/prisma/client";\nexport const other = new PrismaClient();\n'],
      ["src/features/posts/helpers-x.ts", 'import { PrismaClient as Client } from "../../generated/prisma/client";\nexport const other = () => new Client();\n'],
      ["src/features/posts/helpers-y.ts", 'import * as generated from "@/generated/prisma/client";\nexport const other = () => new generated.PrismaClient();\n'],
      ["src/features/posts/helpers-z.ts", 'export const other = async () => { const { PrismaClient } = await import("@/generated/prisma/client"); return PrismaClient; };\n'],
    ];
    for (const [file, code] of attempts) expect(await messagesFor(file, code), code).toContainEqual(expect.stringContaining(ONE_CLIENT));
  });

  it("lets a feature's data.ts use the database, and anyone use the client's types", async () => {
    expect(await messagesFor("src/features/posts/data.ts", 'import "server-only";\nimport { db } from "@/lib/db";\nexport const count = () => db().post.count();\n')).toEqual([]);
    expect(await messagesFor("src/features/posts/mutations.ts", 'import "server-only";\nimport { db } from "../../lib/db";\nexport const count = () => db().post.count();\n')).toEqual([]);
    expect(await messagesFor("src/features/posts/components/Fine.tsx", 'import type { PrismaClient } from "@/generated/prisma/client";\nexport type Client = PrismaClient;\n')).toEqual([]);
  });
});

describe("lint keeps features in one direction", () => {
  it("refuses an import of a later feature, however it is spelled", async () => {
    const spellings = [
      'import { listApprovedComments } from "@/features/comments/data";\nexport { listApprovedComments };\n',
      'import { listApprovedComments } from "../comments/data";\nexport { listApprovedComments };\n',
      'export const load = () => import("../comments/data");\n',
      'export { listApprovedComments } from "../comments/data";\n',
    ];
    for (const code of spellings) expect(await messagesFor("src/features/posts/sneaky.ts", code), code).toContainEqual(expect.stringContaining(FEATURE_ORDER));
  });

  it("refuses a dynamic import whose module is not written out, which no rule could follow", async () => {
    const messages = await messagesFor("src/features/posts/sneaky.ts", 'const where = "../comments/data";\nexport const load = () => import(where);\n');
    expect(messages).toContainEqual(expect.stringContaining("Name the module of a dynamic import() as a plain string"));
  });

  it("lets a feature import the features before it", async () => {
    expect(await messagesFor("src/features/comments/fine.ts", 'import { getPublishedPost } from "../posts/data";\nexport { getPublishedPost };\n')).toEqual([]);
    expect(await messagesFor("src/features/comments/fine.ts", 'import { getPublishedPost } from "@/features/posts/data";\nexport { getPublishedPost };\n')).toEqual([]);
  });

  it("keeps src/lib and src/components below every feature, and features away from routes", async () => {
    expect(await messagesFor("src/lib/sneaky.ts", 'import { getPublishedPost } from "../features/posts/data";\nexport { getPublishedPost };\n')).toContainEqual(
      expect.stringContaining(BELOW_FEATURES),
    );
    expect(await messagesFor("src/components/Sneaky.tsx", 'export const load = () => import("@/features/posts/data");\n')).toContainEqual(expect.stringContaining(BELOW_FEATURES));
    expect(await messagesFor("src/features/posts/sneaky.ts", 'import { GET } from "../../app/feed.xml/route";\nexport { GET };\n')).toContainEqual(
      expect.stringContaining("never routes"),
    );
  });
});

describe("lint keeps the infrastructure free of import cycles", () => {
  it("refuses a src/lib module importing one that imports it", async () => {
    // storage.ts imports storage-keys.ts: storage-keys.ts importing storage.ts back closes a circle.
    const messages = await messagesFor("src/lib/storage-keys.ts", 'import { uploadsStorage } from "./storage";\nexport const where = uploadsStorage;\n', () => withCycles);
    expect(messages).toContainEqual(expect.stringContaining("Dependency cycle detected"));
  });
});

describe("lint keeps server modules out of the browser", () => {
  it('requires `import "server-only"` in server modules', async () => {
    const messages = await messagesFor("src/features/tags/mutations.ts", "export async function renameTag() {}\n");
    expect(messages).toContainEqual(expect.stringContaining('starts with `import "server-only";`'));
  });

  it("keeps every file but the post store from writing posts, revisions, bylines and post tags", async () => {
    const prisma = 'import "server-only";\nimport { db } from "@/lib/db";\nexport const rename = (id: string) => db().post.update({ where: { id }, data: { title: "x" } });\n';
    expect(await messagesFor("src/features/wordpress/mutations.ts", prisma)).toContainEqual(expect.stringContaining("Only the post store (src/features/posts/store.ts) writes post"));
    const inTransaction = 'import "server-only";\nimport { db } from "@/lib/db";\nexport const keep = () => db().$transaction((tx) => tx.revision.create({ data: {} as never }));\n';
    expect(await messagesFor("src/features/demo-content/mutations.ts", inTransaction)).toContainEqual(expect.stringContaining("writes revision"));
    const bylines = 'import "server-only";\nimport { db } from "@/lib/db";\nexport const drop = (postId: string) => db().postAuthor.deleteMany({ where: { postId } });\n';
    expect(await messagesFor("src/features/people/mutations.ts", bylines)).toContainEqual(expect.stringContaining("writes postAuthor"));
    const rawSql = 'import "server-only";\nimport { db } from "@/lib/db";\nexport const retag = (from: string, to: string) => db().$executeRaw`INSERT INTO "PostTag" ("postId", "tagId") SELECT "postId", ${to} FROM "PostTag" WHERE "tagId" = ${from}`;\n';
    expect(await messagesFor("src/features/tags/mutations.ts", rawSql)).toContainEqual(expect.stringContaining("call one of its functions instead of this SQL"));
    const unsafeSql = 'import "server-only";\nimport { db } from "@/lib/db";\nexport const bulk = (json: string) => db().$executeRawUnsafe(\'UPDATE "Post" SET title = $1\', json);\n';
    expect(await messagesFor("scripts/sneaky.ts", unsafeSql)).toContainEqual(expect.stringContaining("call one of its functions instead of this SQL"));
    // Reading is anyone's, and the store itself writes.
    expect(await messagesFor("src/features/tags/data.ts", 'import "server-only";\nimport { db } from "@/lib/db";\nexport const count = () => db().post.count();\nexport const rows = () => db().$queryRaw`SELECT id FROM "Post"`;\n')).toEqual([]);
    expect(await messagesFor("src/features/posts/store.ts", prisma)).toEqual([]);
  });
});
