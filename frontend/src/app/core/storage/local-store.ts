/**
 * The device's own copy of the user's data (tasks, teams, dashboard, the outbox): a small key-value store over
 * IndexedDB, so the app opens with the last known state offline and queued changes survive a reload or a
 * closed laptop. Where IndexedDB is missing (tests, some private modes) it lives in memory for the page.
 */
import { InjectionToken } from '@angular/core';

export interface LocalStore {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every record whose key starts with `prefix`, in key order. */
  entries<T>(prefix: string): Promise<[string, T][]>;
  /** Deletes every record whose key starts with `prefix`. */
  deleteAll(prefix: string): Promise<void>;
}

const DATABASE = 'taskpulse';
const STORE = 'records';

export class MemoryLocalStore implements LocalStore {
  readonly records = new Map<string, unknown>();

  async get<T>(key: string): Promise<T | undefined> {
    return structuredCloneOf(this.records.get(key)) as T | undefined;
  }

  async put(key: string, value: unknown): Promise<void> {
    this.records.set(key, structuredCloneOf(value));
  }

  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }

  async entries<T>(prefix: string): Promise<[string, T][]> {
    return [...this.records.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, structuredCloneOf(value) as T]);
  }

  async deleteAll(prefix: string): Promise<void> {
    [...this.records.keys()].filter((key) => key.startsWith(prefix)).forEach((key) => this.records.delete(key));
  }
}

/** One object store of records keyed by strings such as `outbox:<user>:<n>`, so a prefix is a key range. */
export class IndexedDbLocalStore implements LocalStore {
  private database: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory) {}

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.request('readonly', (store) => store.get(key))) as T | undefined;
  }

  async put(key: string, value: unknown): Promise<void> {
    await this.request('readwrite', (store) => store.put(value, key));
  }

  async delete(key: string): Promise<void> {
    await this.request('readwrite', (store) => store.delete(key));
  }

  async entries<T>(prefix: string): Promise<[string, T][]> {
    const range = prefixRange(prefix);
    const [keys, values] = await Promise.all([
      this.request('readonly', (store) => store.getAllKeys(range)),
      this.request('readonly', (store) => store.getAll(range)),
    ]);
    return (keys as string[]).map((key, i) => [key, (values as T[])[i]]);
  }

  async deleteAll(prefix: string): Promise<void> {
    await this.request('readwrite', (store) => store.delete(prefixRange(prefix)));
  }

  private open(): Promise<IDBDatabase> {
    this.database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = this.factory.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).catch((error: unknown) => {
      this.database = null;
      throw error;
    });
    return this.database;
  }

  private async request(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    const database = await this.open();
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = run(transaction.objectStore(STORE));
      // Resolve once the write is durable, not when the request alone succeeded.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
}

function prefixRange(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, `${prefix}\uffff`);
}

function structuredCloneOf<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export const LOCAL_STORE = new InjectionToken<LocalStore>('LOCAL_STORE', {
  providedIn: 'root',
  factory: () => (typeof indexedDB === 'undefined' ? new MemoryLocalStore() : new IndexedDbLocalStore(indexedDB)),
});
