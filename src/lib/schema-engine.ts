// Prisma's schema engine as WebAssembly: migrations work offline, with no native engine download.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine } from "@prisma/schema-engine-wasm";

export const prismaDir = path.resolve(import.meta.dirname, "../../prisma");
export const migrationsDir = path.join(prismaDir, "migrations");
export const schemaPath = path.join(prismaDir, "schema.prisma");
/**
 * The schema as the migrations leave it: the next migration is the difference from it to schema.prisma.
 * The schema engine cannot read a live database's structure here (see DESIGN.md), so this one copy
 * stands in for it; `npm run db:migration` checks it against what the migrations build before use.
 */
export const migratedSchemaPath = path.join(migrationsDir, "schema-as-migrated.prisma");

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

export async function listMigrationNames(dir = migrationsDir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

type DiffSide = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

const datamodel = (name: string, content: string): DiffSide => ({ tag: "schemaDatamodel", files: [{ path: name, content }] });

/**
 * The SQL that takes one datamodel to another (`from` null: an empty database). The engine needs a
 * live connection to start, but reads nothing from that database.
 */
export async function diffDatamodels(from: string | null, to: string, databaseUrl: string): Promise<string> {
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : datamodel("from.prisma", from),
      to: datamodel("to.prisma", to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    } as Parameters<SchemaEngine["diff"]>[0]);
    return (result.stdout ?? "").trim();
  });
}

/** The SQL of the next migration: from the schema as migrated to `schema` (empty when they agree). */
export async function diffSinceLatestMigration(schema: string, databaseUrl: string): Promise<string> {
  const migrated = await readFile(migratedSchemaPath, "utf8").catch(() => null);
  return diffDatamodels(migrated, schema, databaseUrl);
}

export function isEmptyMigration(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

type MigrationOptions = {
  /** Another folder of migrations (a test's edited copy). */
  dir?: string;
  /** Apply the migrations up to and including this one only. */
  through?: string;
};

async function readMigrationList({ dir = migrationsDir, through }: MigrationOptions) {
  const names = (await listMigrationNames(dir)).filter((name) => through === undefined || name <= through);
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockfile = await readFile(path.join(dir, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies pending migrations and records them in `_prisma_migrations`, as `prisma migrate deploy` does. */
export async function applyMigrations(databaseUrl: string, options: MigrationOptions = {}): Promise<string[]> {
  const migrationsList = await readMigrationList(options);
  return withEngine(databaseUrl, async (engine) => {
    const output = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    } as Parameters<SchemaEngine["applyMigrations"]>[0]);
    return output.appliedMigrationNames;
  });
}
