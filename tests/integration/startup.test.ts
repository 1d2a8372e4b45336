import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { StartupError } from "@/lib/embedded-postgres";
import { parseEnv } from "@/lib/env";
import { resolveDatabase } from "../../scripts/lib/services";
import { databaseUrlFor } from "../helpers/database";

async function selectOne(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT 1 AS one")).rows[0].one;
  } finally {
    await client.end();
  }
}

/** A temporary data folder; world-traversable, as PostgreSQL runs as its own system user. */
const tempDirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "docket-start-"));
  await chmod(dir, 0o755);
  tempDirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("start-up database selection", () => {
  it("uses DATABASE_URL when it is set, starting no embedded server", async () => {
    const dataDir = await tempDir();
    const url = databaseUrlFor("postgres");
    const database = await resolveDatabase({ databaseUrl: url, dataDir });
    expect(database.embedded).toBe(false);
    expect(database.url).toBe(url);
    expect(existsSync(path.join(dataDir, "postgres"))).toBe(false);
    expect(await selectOne(database.url)).toBe(1);
  });

  it("starts an embedded PostgreSQL under the data folder when DATABASE_URL is unset, and reuses it", async () => {
    const dataDir = await tempDir();
    const first = await resolveDatabase({ dataDir });
    expect(first.embedded).toBe(true);
    expect(new URL(first.url).port).not.toBe("5432");
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
    await client.end();
    await first.stop();
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);

    const second = await resolveDatabase({ dataDir });
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query("SELECT id FROM kept")).rows).toEqual([{ id: 42 }]);
    await again.end();
    await second.stop();
  });

  it("refuses a taken database port with a clear message", async () => {
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await expect(resolveDatabase({ dataDir: await tempDir(), port })).rejects.toThrow(
        new StartupError(`Port ${port} for the embedded database is taken: set DOCKET_DB_PORT to a free port.`),
      );
    } finally {
      blocker.close();
    }
  });

  it("refuses a data folder that is not a PostgreSQL data folder", async () => {
    const dataDir = await tempDir();
    await mkdir(path.join(dataDir, "postgres"));
    await writeFile(path.join(dataDir, "postgres", "notes.txt"), "not a database");
    await expect(resolveDatabase({ dataDir })).rejects.toThrow(/is not a PostgreSQL data folder/);
  });
});

describe("settings", () => {
  it("names the variable of a bad value", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT: /);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x@y/z" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL: must be an smtp/);
  });

  it("has working defaults", () => {
    const settings = parseEnv({});
    expect(settings.PORT).toBe(3000);
    expect(settings.DOCKET_DATA_DIR).toBe(".data");
    expect(settings.DIGEST_CRON).toBe("0 6 * * *");
  });
});
