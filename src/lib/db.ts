// The one Prisma client. Only features/*/data.ts, features/*/mutations.ts and src/jobs import it.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Docket with `npm start`.");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

const globalForPrisma = globalThis as unknown as { docketPrisma?: PrismaClient };

/** Created on first use, so importing this module never needs a database. */
export function db(): PrismaClient {
  globalForPrisma.docketPrisma ??= createClient();
  return globalForPrisma.docketPrisma;
}
