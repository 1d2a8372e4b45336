// The one Prisma client. Only features/*/data.ts, features/*/mutations.ts and src/jobs import it.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { withoutControlCharactersIn } from "@/lib/control-characters";
import { databaseHealth, DatabaseUnavailableError } from "@/lib/database-health";

/**
 * How long a connection may take to open, and a statement to run (PostgreSQL ends it) or to answer at
 * all (the client gives up, as on a frozen server, whose own timeout cannot fire).
 */
export const DATABASE_TIMEOUTS = { connectMs: 5_000, statementMs: 60_000, answerMs: 65_000 };

/** A call made while the database is not answering fails at once; one already waiting fails as soon as that is known. */
function unlessDatabaseIsDown<T>(call: () => Promise<T>): Promise<T> {
  const health = databaseHealth();
  if (health.isDown()) return Promise.reject(new DatabaseUnavailableError());
  return new Promise<T>((resolve, reject) => {
    const forget = health.onDown(() => reject(new DatabaseUnavailableError()));
    call()
      .then(resolve, (error: unknown) => {
        health.suspect();
        reject(error);
      })
      .finally(forget);
  });
}

/**
 * Every call goes through unlessDatabaseIsDown, and every text read (a model query or $queryRaw) passes
 * the one character rule (src/lib/control-characters.ts), so no page, feed, email or export shows a
 * character a row written before the rule, or outside Docket, may hold. $queryRawUnsafe reads text
 * exactly as stored: the backup uses it, and nothing that is shown may.
 */
function withDocketRules(client: PrismaClient): PrismaClient {
  return client.$extends({
    name: "docket-rules",
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          return withoutControlCharactersIn(await unlessDatabaseIsDown(() => query(args)));
        },
      },
      async $queryRaw({ args, query }) {
        return withoutControlCharactersIn(await unlessDatabaseIsDown(() => query(args)));
      },
      async $queryRawUnsafe({ args, query }) {
        return unlessDatabaseIsDown(() => query(args));
      },
      async $executeRaw({ args, query }) {
        return unlessDatabaseIsDown(() => query(args));
      },
      async $executeRawUnsafe({ args, query }) {
        return unlessDatabaseIsDown(() => query(args));
      },
    },
  }) as unknown as PrismaClient;
}

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Docket with `npm start`.");
  const adapter = new PrismaPg({
    connectionString,
    max: 10,
    connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs,
    statement_timeout: DATABASE_TIMEOUTS.statementMs,
    query_timeout: DATABASE_TIMEOUTS.answerMs,
  });
  return withDocketRules(new PrismaClient({ adapter }));
}

const globalForPrisma = globalThis as unknown as { docketPrisma?: PrismaClient };

/** Created on first use, so importing this module never needs a database. */
export function db(): PrismaClient {
  globalForPrisma.docketPrisma ??= createClient();
  return globalForPrisma.docketPrisma;
}
