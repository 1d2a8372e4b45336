// What every command-line job that works on the site's database does first and last: read the settings,
// open the database (DATABASE_URL, or the embedded one in the data folder), optionally bring its schema up
// to date, and close everything however the job ends. A bad setting or an unreachable database is one line
// on stderr and exit code 2 or 1.
import { existsSync } from "node:fs";
import path from "node:path";
import { env } from "../../src/lib/env";
import { applyMigrations } from "../../src/lib/schema-engine";
import { projectRoot, resolveDatabase, sharedSecrets, type Database } from "./services";

export class UsageError extends Error {}

export async function runWithDatabase(job: () => Promise<void>, options: { migrate?: boolean } = {}): Promise<never> {
  let database: Database | undefined;
  let code = 0;
  try {
    const settings = env();
    const dataDir = path.resolve(projectRoot, settings.DOCKET_DATA_DIR);
    try {
      database = await resolveDatabase({ databaseUrl: settings.DATABASE_URL, dataDir, port: settings.DOCKET_DB_PORT });
    } catch (error) {
      // A running `npm start` holds the embedded database (its server's pid file is in the folder).
      if (!settings.DATABASE_URL && existsSync(path.join(dataDir, "postgres", "postmaster.pid"))) {
        const shown = path.relative(process.cwd(), dataDir);
        throw new Error(`Docket's embedded database in ${shown && !shown.startsWith("..") ? shown : dataDir} is in use (npm start is running): run this again with DATABASE_URL set to the database npm start printed when it started.`);
      }
      throw new Error(`Could not open the database: ${(error as Error).message}`);
    }
    process.env.DATABASE_URL = database.url;
    if (options.migrate) await applyMigrations(database.url);
    // The secret the running site signs and hashes with (comment IP hashes must match its own).
    process.env.NEXTAUTH_SECRET = (await sharedSecrets(database.url, dataDir, settings)).authSecret;
    await job();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    code = error instanceof UsageError ? 2 : 1;
  } finally {
    if (database) {
      const { db } = await import("../../src/lib/db");
      await db().$disconnect().catch(() => {});
      await database.stop();
    }
  }
  process.exit(code);
}
