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
});
