// The one Prisma client. Only features/*/data.ts, features/*/mutations.ts and src/jobs import it.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { withoutControlCharactersIn } from "@/lib/control-characters";

/**
 * Every text read through the client (a model query or $queryRaw) passes the one character rule
 * (src/lib/control-characters.ts), so no page, feed, email or export shows a character a row written
 * before the rule, or outside Docket, may hold. $queryRawUnsafe reads text exactly as stored: the
 * backup uses it, and nothing that is shown may.
 */
function withTheTextRule(client: PrismaClient): PrismaClient {
  return client.$extends({
    name: "docket-text-rule",
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          return withoutControlCharactersIn(await query(args));
        },
      },
      async $queryRaw({ args, query }) {
        return withoutControlCharactersIn(await query(args));
      },
    },
  }) as unknown as PrismaClient;
}

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Docket with `npm start`.");
  return withTheTextRule(new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) }));
}

const globalForPrisma = globalThis as unknown as { docketPrisma?: PrismaClient };

/** Created on first use, so importing this module never needs a database. */
export function db(): PrismaClient {
  globalForPrisma.docketPrisma ??= createClient();
  return globalForPrisma.docketPrisma;
}
