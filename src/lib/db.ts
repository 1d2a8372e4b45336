// The one Prisma client. Only features/*/data.ts, features/*/mutations.ts, src/jobs and the named
// infrastructure files import it. Inside `inTransaction` (the action pipeline runs every command's work
// there), `db()` is that transaction: the change, its audit entry and the emails it queues commit together.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/generated/prisma/client";
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

function rootClient(): PrismaClient {
  globalForPrisma.docketPrisma ??= createClient();
  return globalForPrisma.docketPrisma;
}

type Scope = { client: PrismaClient; open: boolean };
const transactionScope = new AsyncLocalStorage<Scope | undefined>();

/**
 * The client, or the open transaction this code runs in. Created on first use, so importing this
 * module never needs a database. Work that outlives its transaction (a background render or an
 * `after()` callback started inside it) gets the client again rather than a closed transaction.
 */
export function db(): PrismaClient {
  const scope = transactionScope.getStore();
  return scope?.open ? scope.client : rootClient();
}

/**
 * A transaction client that also answers `$transaction`: a mutation that opens a transaction of its
 * own joins the surrounding one instead (Prisma's transaction clients cannot nest).
 */
function joinable(tx: Prisma.TransactionClient): PrismaClient {
  const join = async (work: unknown) => {
    if (typeof work === "function") return (work as (client: Prisma.TransactionClient) => Promise<unknown>)(tx);
    const results: unknown[] = [];
    for (const query of work as Promise<unknown>[]) results.push(await query);
    return results;
  };
  return new Proxy(tx, { get: (target, property) => (property === "$transaction" ? join : Reflect.get(target, property)) }) as unknown as PrismaClient;
}

/** Long enough for an image upload or a large moderation batch on a loaded machine. */
const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 5 * 60_000 };

/** Runs `work` in one transaction (or in the one already open): everything it writes commits or none of it. */
export async function inTransaction<T>(work: () => Promise<T>): Promise<T> {
  if (transactionScope.getStore()?.open) return work();
  return rootClient().$transaction(async (tx) => {
    const scope: Scope = { client: joinable(tx), open: true };
    try {
      return await transactionScope.run(scope, work);
    } finally {
      scope.open = false;
    }
  }, TRANSACTION_LIMITS);
}

/** Runs `work` outside any open transaction: for what must stick even when the command fails (rate-limit counts). */
export function outsideTransaction<T>(work: () => Promise<T>): Promise<T> {
  return transactionScope.run(undefined, work);
}

/** The raw-SQL runner of the open transaction (or the client), for libraries that bring their own SQL (pg-boss). */
export function currentSqlExecutor(): { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> } {
  const client = db();
  return { executeSql: async (text, values = []) => ({ rows: await client.$queryRawUnsafe<unknown[]>(text, ...values) }) };
}
