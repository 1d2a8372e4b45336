// `npm run db:migrate`: applies the migrations in prisma/migrations to the database at DATABASE_URL, with
// the code `npm start` applies them with (Prisma's schema engine as WebAssembly: nothing is downloaded), for
// a database prepared before Docket first starts (to import into it, say) or a test harness.
import { applyMigrations } from "../src/lib/schema-engine";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the PostgreSQL database to migrate (npm start migrates its own embedded database itself).");
  process.exit(2);
}
try {
  const applied = await applyMigrations(url);
  console.log(applied.length === 0 ? "The database is up to date: no migration to apply." : `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}: ${applied.join(", ")}.`);
} catch (error) {
  console.error(`The migrations could not be applied to ${new URL(url).host}: ${(error as Error).message.split("\n").find((line) => line.trim()) ?? error}`);
  process.exit(1);
}
