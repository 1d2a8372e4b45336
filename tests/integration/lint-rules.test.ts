// The layering rules are lint rules: each is proved here on a small file that breaks it.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });
});

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((message) => message.message);
}

describe("lint enforces the layers", () => {
  it("keeps the database client out of pages and components", async () => {
    const messages = await messagesFor("src/features/posts/components/Sneaky.tsx", 'import { db } from "@/lib/db";\nexport const count = () => db().post.count();\n');
    expect(messages).toContainEqual(expect.stringContaining("The database is used only from a feature's data.ts or mutations.ts"));
    expect(await messagesFor("src/app/(site)/sneaky/page.tsx", 'import { db } from "@/lib/db";\nexport default function Page() { return db(); }\n')).toContainEqual(
      expect.stringContaining("The database is used only"),
    );
  });

  it("lets a feature's data.ts use the database", async () => {
    expect(await messagesFor("src/features/posts/data.ts", 'import "server-only";\nimport { db } from "@/lib/db";\nexport const count = () => db().post.count();\n')).toEqual([]);
  });

  it("keeps src/lib below every feature", async () => {
    const messages = await messagesFor("src/lib/sneaky.ts", 'import { getPublishedPost } from "@/features/posts/data";\nexport { getPublishedPost };\n');
    expect(messages).toContainEqual(expect.stringContaining("src/lib and src/components are below every feature"));
  });

  it("lets features import only the features below them", async () => {
    const upward = await messagesFor("src/features/posts/sneaky.ts", 'import { listApprovedComments } from "@/features/comments/data";\nexport { listApprovedComments };\n');
    expect(upward).toContainEqual(expect.stringContaining("posts may import only the features before it"));
    expect(await messagesFor("src/features/comments/fine.ts", 'import { getPublishedPost } from "@/features/posts/data";\nexport { getPublishedPost };\n')).toEqual([]);
  });

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
