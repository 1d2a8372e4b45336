// Whether the database answers, as one web process sees it. The web server (scripts/web-server.ts)
// probes it twice a second with a query that must answer within PROBE_TIMEOUT_MS, so a database that
// stops answering (a network partition, a frozen or overloaded server) is known within two seconds.
// While it is down:
// - every database call fails at once, and one already waiting fails too (src/lib/db.ts): nothing
//   waits for an answer that is not coming;
// - the cache handlers serve what they hold, however old (src/lib/cache): nothing has changed meanwhile,
//   as nothing could be written;
// - an answer the server could not give becomes a 503 with Retry-After (scripts/web-server.ts).
// It is up again at the first probe that answers: nothing needs restarting.
//
// Loaded by Node itself inside the Next server (by the cache handlers) as well as bundled: relative
// imports name their .ts file, nothing here may import `@/`, and the state is one per process
// (globalThis), shared by both.
import pg from "pg";

const PROBE_EVERY_MS = 500;
export const PROBE_TIMEOUT_MS = 1500;
/** What a 503 asks clients to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** The database did not answer: the request cannot be served from it just now. */
export class DatabaseUnavailableError extends Error {
  constructor(message = "The database cannot be reached just now: try again in a moment.") {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

export type DatabaseHealth = {
  /** True while the last probe found the database not answering. */
  isDown(): boolean;
  /** Whether it was down at any moment of the last `ms` (a failure just before recovery counts). */
  wasDownWithin(ms: number): boolean;
  /** Calls `listener` once when the database is found down; returns what forgets it (a call that settled). */
  onDown(listener: () => void): () => void;
  /** A call's failure that says the database is not answering: probe at once. */
  suspect(): void;
  stop(): Promise<void>;
};

const ALWAYS_UP: DatabaseHealth = {
  isDown: () => false,
  wasDownWithin: () => false,
  onDown: () => () => {},
  suspect: () => {},
  stop: async () => {},
};

class ProbedDatabaseHealth implements DatabaseHealth {
  private down = false;
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private stopped = false;
  private listeners = new Set<() => void>();
  private lastDownAt = 0;
  private readonly connectionString: string;
  private readonly log: Pick<Console, "error" | "info">;

  constructor(connectionString: string, log: Pick<Console, "error" | "info">) {
    this.connectionString = connectionString;
    this.log = log;
  }

  start(): this {
    this.schedule(0);
    return this;
  }

  isDown(): boolean {
    return this.down;
  }

  wasDownWithin(ms: number): boolean {
    return this.down || Date.now() - this.lastDownAt <= ms;
  }

  onDown(listener: () => void): () => void {
    if (this.down) {
      listener();
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  suspect(): void {
    if (!this.probing) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => {});
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.probe(), delay);
    this.timer.unref();
  }

  private async probe() {
    this.probing = true;
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS, application_name: "docket-health" });
        client.on("error", () => {});
        this.client = client;
        await client.connect();
      }
      await this.client.query("SELECT 1");
      this.set(false);
    } catch (error) {
      // A connection that timed out is stuck: the next probe starts a new one.
      void this.client?.end().catch(() => {});
      this.client = null;
      this.set(true, error as Error);
    } finally {
      this.probing = false;
      this.schedule(PROBE_EVERY_MS);
    }
  }

  private set(down: boolean, error?: Error) {
    if (down) this.lastDownAt = Date.now();
    if (down === this.down) return;
    this.down = down;
    if (down) {
      this.log.error(`[database] not answering (${error?.message ?? "no answer"}): serving from the cache and answering 503 where that cannot be done`);
      const listeners = [...this.listeners];
      this.listeners.clear();
      for (const listener of listeners) listener();
    } else {
      this.log.info("[database] answering again");
    }
  }
}

const globalKey = Symbol.for("docket.databaseHealth");
type Holder = { [globalKey]?: DatabaseHealth };

/** The process's view of the database: probed where startDatabaseHealth ran (the web server), always up elsewhere. */
export function databaseHealth(): DatabaseHealth {
  return (globalThis as Holder)[globalKey] ?? ALWAYS_UP;
}

/** Starts probing the database of `connectionString` for this process (the web server does, once). */
export function startDatabaseHealth(connectionString: string, log: Pick<Console, "error" | "info"> = console): DatabaseHealth {
  const holder = globalThis as Holder;
  holder[globalKey] ??= new ProbedDatabaseHealth(connectionString, log).start();
  return holder[globalKey];
}
