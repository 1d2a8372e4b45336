// When each cache tag was last invalidated, as this process learned it. Times are this process's own
// clock at the moment it learned of the invalidation (never another machine's clock), so an entry
// is out of date exactly when it was made before this process knew its data had changed.
//
// Loaded by Node itself inside the Next server (see next.config.ts): relative imports name their .ts file.

type TagTime = { version: bigint; stale: number; expired: number };

export class TagTimes {
  private readonly times = new Map<string, TagTime>();

  /**
   * Records an invalidation of `tag` learned at `now`. `expireSeconds` 0 expires the tag's entries
   * at once; more lets them be served stale while they refresh, until that many seconds have passed.
   * A version this process already applied (its own write, echoed back by NOTIFY) changes nothing.
   */
  apply(tag: string, version: bigint, expireSeconds: number, now: number): boolean {
    const known = this.times.get(tag);
    if (known && known.version >= version) return false;
    this.times.set(tag, { version, stale: now, expired: now + expireSeconds * 1000 });
    return true;
  }

  /** Records an invalidation made here, before (or without) the database giving it a version. */
  touch(tag: string, expireSeconds: number, now: number): void {
    const version = this.times.get(tag)?.version ?? 0n;
    this.times.set(tag, { version, stale: now, expired: now + expireSeconds * 1000 });
  }

  /** Whether an entry made at `timestamp` with these tags must not be served any more. */
  isExpired(tags: readonly string[], timestamp: number, now: number): boolean {
    return tags.some((tag) => {
      const expired = this.times.get(tag)?.expired;
      return expired !== undefined && expired <= now && expired > timestamp;
    });
  }

  /** Whether an entry made at `timestamp` may be served once more while a fresh one is made. */
  isStale(tags: readonly string[], timestamp: number): boolean {
    return tags.some((tag) => (this.times.get(tag)?.stale ?? 0) > timestamp);
  }

  /** The latest expiry among these tags, 0 when none was ever invalidated. */
  latestExpiry(tags: readonly string[]): number {
    return tags.reduce((latest, tag) => Math.max(latest, this.times.get(tag)?.expired ?? 0), 0);
  }
}
