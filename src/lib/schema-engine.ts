// Prisma's schema engine as WebAssembly: migrations work offline, with no native engine download.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine } from "@prisma/schema-engine-wasm";

export const prismaDir = path.resolve(import.meta.dirname, "../../prisma");
export const migrationsDir = path.join(prismaDir, "migrations");
export const schemaPath = path.join(prismaDir, "schema.prisma");
/** Each migration folder keeps the schema it was generated from, so the next diff needs no database. */
export const schemaCopyName = "schema.prisma";

/**
 * Runs `work` with an engine on the database, then closes the engine's connections: freeing the engine
 * alone leaves its pool open for a while, and with it the advisory lock migrations take, which holds up
 * the next migration run on the same server.
 */
async function withEngine<T>(connectionString: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const factory = new PrismaPg({ connectionString });
  const connected: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    connected.push(adapter);
    return adapter;
  };
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(connected.map((adapter) => adapter.dispose()));
  }
}

export async function listMigrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function latestSchemaCopy(): Promise<string | null> {
  const names = await listMigrationNames();
  const latest = names.at(-1);
  if (!latest) return null;
  return readFile(path.join(migrationsDir, latest, schemaCopyName), "utf8");
}

/**
 * The SQL that takes the latest migration's schema copy to `schema` (empty when they agree).
 * The engine needs a live connection to start, but reads nothing from that database.
 */
export async function diffSinceLatestMigration(schema: string, databaseUrl: string): Promise<string> {
  const previous = await latestSchemaCopy();
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from: previous === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "previous.prisma", content: previous }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    } as Parameters<SchemaEngine["diff"]>[0]);
    return (result.stdout ?? "").trim();
  });
}

export function isEmptyMigration(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

async function readMigrationList() {
  const names = await listMigrationNames();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockfile = await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies pending migrations and records them in `_prisma_migrations`, as `prisma migrate deploy` does. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await readMigrationList();
  return withEngine(databaseUrl, async (engine) => {
    const output = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    } as Parameters<SchemaEngine["applyMigrations"]>[0]);
    return output.appliedMigrationNames;
  });
}
