import type { Database } from "./engine.ts";

// What changed, as PostgreSQL tells at each COMMIT (migration 0024's triggers NOTIFY on the channel
// art28_changed): "c:<controller id>" (a customer's home reads), "c:*" (every customer's),
// "u:<user id>" (a user or one of its API tokens). A web process keeps reads it serves often (the
// customer's home, a token's user) and forgets each the moment it changes, in every process.
//
// What this rests on, stated plainly:
// - NOTIFY is sent at COMMIT and never for a rollback, so a kept read is forgotten once the change
//   is visible; a read that was being made when a change arrived is not kept (FeedCache.get).
// - A lost LISTEN connection may have missed changes: every cache is emptied and nothing is kept
//   until it listens again (live: false). A process that never listened keeps nothing.
// - Another process's change reaches this one as fast as PostgreSQL signals it (well under a
//   millisecond on one host); a request of this process that changed something empties what it
//   may have touched itself when it answers (app.ts), so its caller reads its own change at once.
// - Every kept read also has a maximum age, so a change a trigger does not see (a table not in
//   0024) cannot stay unseen: a test holds the home's SQL to the tables 0024 covers.

export const CHANGES_CHANNEL = "art28_changed";

export type ChangeListener = (payload: string) => void;
/** What listeners get when changes may have been missed: forget everything. */
export const RESET = "*reset*";

export class ChangeFeed {
  #live = false;
  #listeners = new Set<ChangeListener>();
  #stop: (() => Promise<void>) | null = null;

  /** Whether changes are being heard; a cache keeps nothing while not. */
  get live(): boolean {
    return this.#live;
  }

  /** Starts listening; on failure the feed stays not live (nothing is cached) and says why once. */
  static async start(database: Pick<Database, "listen">): Promise<ChangeFeed> {
    const feed = new ChangeFeed();
    feeds.add(feed);
    try {
      feed.#stop = await database.listen(
        CHANGES_CHANNEL,
        (payload) => feed.emit(payload),
        (live) => {
          feed.#live = live;
          feed.emit(RESET);
        },
      );
    } catch (error) {
      process.emitWarning(`no change feed, nothing is cached: ${error instanceof Error ? error.message : String(error)}`, { code: "ART28_PG_LISTEN" });
    }
    return feed;
  }

  /** A feed that hears nothing: caches on it keep nothing (a process without one). */
  static off(): ChangeFeed {
    return new ChangeFeed();
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every listener; also used by this process for its own changes (app.ts). */
  emit(payload: string): void {
    for (const listener of this.#listeners) {
      listener(payload);
    }
  }

  async close(): Promise<void> {
    feeds.delete(this);
    this.#live = false;
    await this.#stop?.();
    this.#stop = null;
    this.emit(RESET);
  }
}

/** The feeds this process listens with (the operator's metrics: art28_change_feed_live). */
export const feeds = new Set<ChangeFeed>();

/** Every cache a process keeps, by name: the operator's metrics read their hits and misses. */
export const feedCaches = new Map<string, { hits: number; misses: number; size: number }>();

export interface FeedCacheOptions<V> {
  /** Its name in the metrics (art28_kept_reads). */
  name: string;
  /** The payload prefix this cache's keys answer to, e.g. "c:" (the rest is the key). */
  prefix: string;
  /** Entries kept at most; the oldest go first. */
  max: number;
  /** An entry is read again after this long, whatever the feed says. */
  maxAgeMs: number;
  /**
   * When a cache's keys are not the ids the feed names (a token's hash, a user id): whether the
   * entry `value` is about `id`. Without it, the key is the id.
   */
  about?: (value: V, id: string) => boolean;
}

interface Loading {
  stale: boolean;
}

/** Reads kept per key until the feed says they changed (see the top of this file). */
export class FeedCache<V> {
  readonly #feed: ChangeFeed;
  readonly #options: FeedCacheOptions<V>;
  readonly #entries = new Map<string, { value: V; at: number }>();
  readonly #loading = new Map<string, Set<Loading>>();
  hits = 0;
  misses = 0;

  constructor(feed: ChangeFeed, options: FeedCacheOptions<V>) {
    this.#feed = feed;
    this.#options = options;
    feed.subscribe((payload) => this.#changed(payload));
    feedCaches.set(options.name, this);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The kept value of `key`, or `load()`'s, kept if nothing changed while it was read. */
  async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    if (!this.#feed.live) {
      return load();
    }
    const kept = this.#entries.get(key);
    if (kept && now - kept.at < this.#options.maxAgeMs) {
      this.hits += 1;
      return kept.value;
    }
    this.misses += 1;
    const loading: Loading = { stale: false };
    const pending = this.#loading.get(key) ?? new Set<Loading>();
    pending.add(loading);
    this.#loading.set(key, pending);
    try {
      const value = await load();
      if (!loading.stale && this.#feed.live) {
        this.#entries.delete(key);
        this.#entries.set(key, { value, at: now });
        if (this.#entries.size > this.#options.max) {
          const oldest = this.#entries.keys().next();
          if (!oldest.done) {
            this.#entries.delete(oldest.value);
          }
        }
      }
      return value;
    } finally {
      pending.delete(loading);
      if (pending.size === 0) {
        this.#loading.delete(key);
      }
    }
  }

  /** Forgets one key's entry (this process changed it). */
  forget(key: string): void {
    this.#entries.delete(key);
    this.#markLoading(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#markAllLoading();
  }

  #markAllLoading(): void {
    for (const pending of this.#loading.values()) {
      for (const loading of pending) {
        loading.stale = true;
      }
    }
  }

  #markLoading(key: string): void {
    for (const loading of this.#loading.get(key) ?? []) {
      loading.stale = true;
    }
  }

  #changed(payload: string): void {
    if (payload === RESET || payload === `${this.#options.prefix}*`) {
      this.clear();
      return;
    }
    if (!payload.startsWith(this.#options.prefix)) {
      return;
    }
    const id = payload.slice(this.#options.prefix.length);
    const about = this.#options.about;
    if (!about) {
      this.forget(id);
      return;
    }
    for (const [key, entry] of this.#entries) {
      if (about(entry.value, id)) {
        this.#entries.delete(key);
      }
    }
    // What is being read is not known to be about whom yet: none of it is kept.
    this.#markAllLoading();
  }
}
