// Cache invalidation shared by every Docket process on one database. An invalidation is a row per tag
// in "CacheTag" (its version drawn from one sequence) and a NOTIFY on `docket_cache_tags`, sent by
// PostgreSQL when the write commits. Each web process keeps one LISTEN connection and a map of tag
// times in memory, so checking an entry costs no query. Notifications sent while that connection is
// down are lost: after every (re)connect the whole table is read again, and until then this process
// trusts none of its cached entries (it renders afresh) rather than risk serving a stale page.
//
// Loaded by Node itself inside the Next server (see next.config.ts), and by the worker through
// src/lib/revalidate.ts: relative imports name their .ts file, and nothing here may import `@/`.
import pg from "pg";
import { TagTimes } from "./tag-times.ts";

export const CACHE_TAG_CHANNEL = "docket_cache_tags";
/** The LISTEN connection's application_name, as pg_stat_activity shows it. */
export const LISTENER_APPLICATION_NAME = "docket-cache-listener";
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.
const MAX_PAYLOAD_BYTES = 7000;
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5000;
const HEARTBEAT_MS = 15_000;

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Seconds an invalidation lets entries be served stale: none without `durations` (updateTag). */
export function staleSecondsOf(durations?: { expire?: number }): number {
  if (!durations) return 0;
  const expire = durations.expire ?? ONE_YEAR_SECONDS;
  return Math.round(Math.min(Math.max(expire, 0), ONE_YEAR_SECONDS));
}

/** Tags in groups small enough for one notification each. */
export function notificationBatches(tags: readonly string[]): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const tag of tags) {
    const tagSize = Buffer.byteLength(tag) + 40; // the tag, its version and the JSON around them
    if (current.length > 0 && size + tagSize > MAX_PAYLOAD_BYTES) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(tag);
    size += tagSize;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

type Queryable = Pick<pg.Pool, "query">;
export type WrittenInvalidation = { tag: string; version: bigint };

// One statement per batch: the upsert and its notification commit together. Tags are sorted so two
// writers lock shared rows in the same order and cannot deadlock.
const upsertAndNotify = `
  WITH changed AS (
    INSERT INTO "CacheTag" (tag, version, "invalidatedAt", "expireSeconds")
    SELECT tag, nextval(pg_get_serial_sequence('"CacheTag"', 'version')), now(), $2
      FROM unnest($1::text[]) WITH ORDINALITY AS input(tag, position) ORDER BY position
    ON CONFLICT (tag) DO UPDATE
      SET version = EXCLUDED.version, "invalidatedAt" = EXCLUDED."invalidatedAt", "expireSeconds" = EXCLUDED."expireSeconds"
    RETURNING tag, version
  )
  SELECT tag, version::text AS version,
         pg_notify('${CACHE_TAG_CHANNEL}', (SELECT json_build_object('e', $2::int, 't', json_agg(json_build_array(tag, version::text)))::text FROM changed)) AS notified
    FROM changed`;

/** Records that these tags changed and tells every listening process. */
export async function writeTagInvalidations(database: Queryable, tags: readonly string[], expireSeconds = 0): Promise<WrittenInvalidation[]> {
  const unique = [...new Set(tags)].sort();
  const written: WrittenInvalidation[] = [];
  for (const batch of notificationBatches(unique)) {
    const { rows } = await database.query<{ tag: string; version: string }>(upsertAndNotify, [batch, expireSeconds]);
    for (const row of rows) written.push({ tag: row.tag, version: BigInt(row.version) });
  }
  return written;
}

type Payload = { e: number; t: [string, string][] };

function parsePayload(text: string | undefined): Payload | null {
  try {
    const payload = JSON.parse(text ?? "") as Payload;
    return typeof payload.e === "number" && Array.isArray(payload.t) ? payload : null;
  } catch {
    return null;
  }
}

/** Keeps `times` up to date from the database: one LISTEN connection, reconnected and reloaded as needed. */
export class SharedTagListener {
  readonly times = new TagTimes();
  private client: pg.Client | undefined;
  private live = false;
  private stopped = false;
  private retryMs = RECONNECT_FIRST_MS;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reportedOutage = false;
  private liveWaiters: (() => void)[] = [];
  /** How many times the whole table was read: once per successful (re)connect. */
  reloads = 0;

  private readonly connectionString: string;
  private readonly log: Pick<Console, "error" | "info">;

  constructor(connectionString: string, log: Pick<Console, "error" | "info"> = console) {
    this.connectionString = connectionString;
    this.log = log;
  }

  start(): this {
    void this.connect();
    return this;
  }

  /** True while the LISTEN connection is up and the table was read since it (re)connected. */
  isLive(): boolean {
    return this.live;
  }

  /** Resolves true once live, or false after `timeoutMs`. */
  whenLive(timeoutMs: number): Promise<boolean> {
    if (this.live) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      this.liveWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.live = false;
    clearInterval(this.heartbeat);
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      query_timeout: 10_000,
    });
    this.client = client;
    client.on("error", (error) => this.lose(client, error));
    client.on("end", () => this.lose(client));
    client.on("notification", (message) => {
      if (message.channel === CACHE_TAG_CHANNEL) this.applyNotification(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_TAG_CHANNEL}`);
      await this.reload(client);
    } catch (error) {
      this.lose(client, error as Error);
      return;
    }
    if (this.client !== client || this.stopped) return;
    this.live = true;
    this.retryMs = RECONNECT_FIRST_MS;
    if (this.reportedOutage) this.log.info("[cache] the cache-tag listener is connected again; tags reloaded");
    this.reportedOutage = false;
    for (const wake of this.liveWaiters.splice(0)) wake();
    clearInterval(this.heartbeat);
    // A connection cut without a reset (a network partition) shows only when a query fails.
    this.heartbeat = setInterval(() => void client.query("SELECT 1").catch((error: Error) => this.lose(client, error)), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Reads every tag; a version this process has not applied means it changed while nobody listened. */
  private async reload(client: pg.Client): Promise<void> {
    const { rows } = await client.query<{ tag: string; version: string; expireSeconds: number }>(
      `SELECT tag, version::text AS version, "expireSeconds" FROM "CacheTag"`,
    );
    const now = Date.now();
    for (const row of rows) this.times.apply(row.tag, BigInt(row.version), row.expireSeconds, now);
    this.reloads += 1;
  }

  private applyNotification(text: string | undefined): void {
    const payload = parsePayload(text);
    if (!payload) return;
    const now = Date.now();
    for (const [tag, version] of payload.t) this.times.apply(tag, BigInt(version), payload.e, now);
  }

  private lose(client: pg.Client, error?: Error): void {
    if (this.client !== client) return; // an older connection, already replaced
    this.client = undefined;
    this.live = false;
    clearInterval(this.heartbeat);
    client.removeAllListeners("end");
    client.on("error", () => {}); // errors of a connection being closed are expected
    void client.end().catch(() => {});
    if (this.stopped) return;
    if (!this.reportedOutage) {
      this.log.error(`[cache] lost the cache-tag listener connection (${error?.message ?? "closed"}); rendering afresh until it is back`);
      this.reportedOutage = true;
    }
    this.reconnectTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.reconnectTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }
}

type SharedCacheTags = {
  times: TagTimes;
  /** Whether entries may be served: the listener is live, or there is only this process (a build). */
  isTrusted(): boolean;
  /** Whether the tag table was read at least once since this process started (it knows every invalidation up to then). */
  everTrusted(): boolean;
  /** Waits (at most `timeoutMs`) for the first load after start-up; later, answers at once. */
  whenTrusted(timeoutMs: number): Promise<boolean>;
  /** Invalidates tags here at once and, through the database, in every other process. */
  invalidate(tags: readonly string[], expireSeconds: number): Promise<void>;
};

const writerPools = new Map<string, pg.Pool>();

/** A small pool for invalidation writes; it never keeps a script's process alive. */
export function invalidationWriter(connectionString: string): pg.Pool {
  let pool = writerPools.get(connectionString);
  if (!pool) {
    pool = new pg.Pool({ connectionString, max: 2, idleTimeoutMillis: 10_000, allowExitOnIdle: true, application_name: "docket-cache-writer" });
    pool.on("error", () => {}); // an idle client's connection dropped: the pool replaces it
    writerPools.set(connectionString, pool);
  }
  return pool;
}

function createSharedCacheTags(): SharedCacheTags {
  const connectionString = process.env.DATABASE_URL;
  // `next build` prerenders in processes of its own: nothing was cached before them, nothing to share.
  if (!connectionString || process.env.NEXT_PHASE === "phase-production-build") {
    const times = new TagTimes();
    return {
      times,
      isTrusted: () => true,
      everTrusted: () => true,
      whenTrusted: async () => true,
      invalidate: async (tags, expireSeconds) => {
        const now = Date.now();
        for (const tag of tags) times.touch(tag, expireSeconds, now);
      },
    };
  }
  const listener = new SharedTagListener(connectionString).start();
  return {
    times: listener.times,
    isTrusted: () => listener.isLive(),
    everTrusted: () => listener.reloads > 0,
    // Only before the first load: during a later outage requests go ahead at once, rendering afresh.
    whenTrusted: (timeoutMs) => (listener.reloads > 0 ? Promise.resolve(listener.isLive()) : listener.whenLive(timeoutMs)),
    invalidate: async (tags, expireSeconds) => {
      const now = Date.now();
      for (const tag of tags) listener.times.touch(tag, expireSeconds, now);
      try {
        // Recording the versions makes this process ignore its own notification when it comes back.
        const written = await writeTagInvalidations(invalidationWriter(connectionString), tags, expireSeconds);
        for (const { tag, version } of written) listener.times.apply(tag, version, expireSeconds, now);
      } catch (error) {
        // Only this process knows; the others see the change when their entries age out (reader-cache.ts).
        console.error(`[cache] could not share the invalidation of ${tags.join(", ")}:`, error);
      }
    },
  };
}

const globalKey = Symbol.for("docket.sharedCacheTags");

/** The one shared tag state of this process, started on first use. */
export function sharedCacheTags(): SharedCacheTags {
  const holder = globalThis as { [globalKey]?: SharedCacheTags };
  holder[globalKey] ??= createSharedCacheTags();
  return holder[globalKey];
}
