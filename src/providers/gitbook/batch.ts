// Batch-read helpers: deduped ids with format errors in place, bounded concurrency, and page scans that stop early.
import { ProviderError } from '../types.js';

/** At most this many ids are fetched one by one; more are found in the list (one call serves up to 1,000). */
export const SINGLE_GET_LIMIT = 3;
/** Concurrent single gets, per batch. */
const CONCURRENCY = 8;

/** Runs `task` over `items` with at most CONCURRENCY in flight; results in input order. */
export async function mapBounded<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

export interface ListPage<T> {
  items: T[];
  next: string | null;
}

/**
 * Walks a list until every wanted key has been seen or the list ends: a 1,200-member team costs at most two
 * calls at 1,000 a page, and one when everything asked for is on the first page.
 */
export async function scanFor<T>(
  wanted: ReadonlySet<string>,
  fetchPage: (after: string | null) => Promise<ListPage<T>>,
  keysOf: (item: T) => readonly string[],
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  if (wanted.size === 0) return found;
  let after: string | null = null;
  do {
    const page: ListPage<T> = await fetchPage(after);
    for (const item of page.items) {
      for (const key of keysOf(item)) if (wanted.has(key) && !found.has(key)) found.set(key, item);
    }
    after = page.next;
  } while (after !== null && found.size < wanted.size);
  return found;
}

/**
 * Serves a batch read: dedupes ids, puts an INVALID error in place of a malformed id (no call for it), a
 * NOT_FOUND for an id `fetch` did not return, and the record otherwise, one entry per id in input order.
 */
export async function batchRead<T>(
  ids: readonly string[],
  check: (id: string) => void,
  what: string,
  fetch: (validIds: string[]) => Promise<Map<string, T | ProviderError>>,
): Promise<Array<T | ProviderError>> {
  const invalid = new Map<string, ProviderError>();
  const valid: string[] = [];
  for (const id of new Set(ids)) {
    const error = formatError(check, id);
    if (error) invalid.set(id, error);
    else valid.push(id);
  }
  const found = valid.length > 0 ? await fetch(valid) : new Map<string, T | ProviderError>();
  return ids.map(
    (id) => invalid.get(id) ?? found.get(id) ?? new ProviderError('GITBOOK', 'NOT_FOUND', `GitBook has no ${what} ${shown(id)}`, { status: 404 }),
  );
}

/** An id as a message shows it: quoted, and cut short (ids come from users). */
export function shown(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
}

/** The error in a batch slot for an id whose format is wrong (the rest of the batch still runs). */
function formatError(check: (id: string) => void, id: string): ProviderError | null {
  try {
    check(id);
    return null;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
}

/** A single get's NOT_FOUND becomes that slot's value; any other failure fails the batch. */
async function orNotFound<T>(call: () => Promise<T>): Promise<T | ProviderError> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return error;
    throw error;
  }
}

/**
 * Fetches records by id the cheaper way: one GET each for up to SINGLE_GET_LIMIT ids (bounded concurrency),
 * else one walk of the list that stops once all are found.
 */
export async function getOrScan<W, R>(
  ids: readonly string[],
  source: {
    getOne: (id: string) => Promise<W>;
    listPage: (after: string | null) => Promise<ListPage<W>>;
    keyOf: (item: W) => string;
    toRecord: (item: W) => R;
  },
): Promise<Map<string, R | ProviderError>> {
  if (ids.length <= SINGLE_GET_LIMIT) {
    const read = await mapBounded(ids, (id) => orNotFound(async () => source.toRecord(await source.getOne(id))));
    return new Map(ids.map((id, i) => [id, read[i] as R | ProviderError]));
  }
  const found = await scanFor(new Set(ids), source.listPage, (item) => [source.keyOf(item)]);
  return new Map([...found].map(([id, item]) => [id, source.toRecord(item)]));
}
