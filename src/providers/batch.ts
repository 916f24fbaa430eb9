// The one batch-by-id kit: ids checked into error values, the rest found by single gets or one list walk, whichever costs fewer calls.
import { mapBounded } from './pool.js';
import { isProviderError, type ProviderError } from './types.js';

/**
 * How many ids get a GET each before walking the list is the better guess, when the walk's pages are not known
 * beforehand. Up to three GETs go out together (one round trip, and an id that is not there costs one GET),
 * where a walk reads its pages one after another and, for an id that is not there, reads every page. A read
 * whose ids come in batches from the gateway (a group's members) passes a lower `maxSingleGets` and says why.
 */
const SINGLE_GETS = 3;

/** Single gets in flight at once, per batch. */
const GET_CONCURRENCY = 8;

/**
 * Runs an id check (an IdRules method, or an adapter's own assert) and gives the INVALID error it throws as a
 * value, null for a well-formed id; anything else it throws is rethrown. A batch answers a bad id in its own slot.
 */
export function invalidOf(check: () => void): ProviderError | null {
  try {
    check();
    return null;
  } catch (error) {
    if (isProviderError(error)) return error;
    throw error;
  }
}

/** An id as a NOT_FOUND message shows it: quoted, and cut short (ids come from users). */
export function shownId(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
}

/** One page of a list, as a walk reads it. */
export interface ListPage<T, C = string> {
  items: readonly T[];
  /** Where the next page starts; null at the end of the list. */
  next: C | null;
  /** The pages after this one, where the API counts its items (Cloudflare's `total_count`). */
  pagesLeft?: number;
  /** Where pages are numbered (Cloudflare): the cursors of every page after this one, so they can be read at once. */
  following?: readonly C[];
}

/** How a batch finds objects by key: a GET per key, or a walk of the list that holds them. */
export interface Lookup<T, C = string, G = T> {
  /** A page of the list from `cursor`; null asks for the first page. */
  page: (cursor: C | null) => Promise<ListPage<T, C>>;
  /** The keys a list item answers: its id (normalised like the keys asked for), for some reads its e-mail too. */
  keysOf: (item: T) => readonly string[];
  /**
   * One object by key: null when it is not there, a ProviderError value to answer that key alone with it. A throw
   * fails the whole batch. Absent where the API has no single read: the list is walked.
   */
  get?: (key: string) => Promise<G | null>;
  /** Single gets for at most this many keys; SINGLE_GETS unless the read says otherwise. */
  maxSingleGets?: number;
  /** The pages a walk costs at most, known beforehand: 1 for a list that comes whole. */
  pages?: number;
  /**
   * After the first page, if it tells how many pages are left: the keys still unseen get a GET each when that
   * costs no more calls than the pages left (an unseen id that is not there would make a walk read them all).
   */
  getUnseenWhenCheaper?: boolean;
  /**
   * Runs once after single gets made before any page was read, with their answers in key order. A 404 there may
   * mean a missing parent rather than a missing object, which one read of the parent settles; a page read
   * proves the parent exists, so gets made after one do not come here.
   */
  afterGets?: (answers: ReadonlyArray<G | null>) => Promise<void>;
}

/**
 * Whether `count` keys cost no more as single gets than as a walk. Ties go to the gets: as many calls, sent
 * together rather than one after another. With the walk's pages known (a whole list is one), gets pay only up
 * to that many keys; otherwise the threshold guesses.
 */
function singleGetsPay(count: number, maxSingleGets = SINGLE_GETS, pages = Number.POSITIVE_INFINITY): boolean {
  return count <= Math.min(maxSingleGets, pages);
}

/** GETs of `keys`, GET_CONCURRENCY at a time; each found object (not null) is put under its key. */
async function getEach<T, G>(keys: readonly string[], get: (key: string) => Promise<G | null>, found: Map<string, T | G>): Promise<Array<G | null>> {
  const answers = await mapBounded(keys, GET_CONCURRENCY, get);
  answers.forEach((answer, i) => {
    if (answer !== null) found.set(keys[i] as string, answer);
  });
  return answers;
}

/**
 * Walks a list from its first page until `visit` has seen enough or the list ends. With `whole` (the caller needs
 * every page anyway) and a first page that names every page after it (page numbers and a total), those are read
 * all at once: one round trip instead of one per page, for the same calls. A walk that may stop early, and any
 * cursor list, goes page after page.
 */
export async function walkList<T, C>(
  page: (cursor: C | null) => Promise<ListPage<T, C>>,
  visit: (page: ListPage<T, C>) => 'more' | 'enough',
  whole = false,
): Promise<void> {
  const first = await page(null);
  if (visit(first) === 'enough' || first.next === null) return;
  if (whole && first.following) {
    const rest = await Promise.all(first.following.map((cursor) => page(cursor)));
    for (const current of rest) if (visit(current) === 'enough') return;
    return;
  }
  let cursor: C | null = first.next;
  do {
    const current: ListPage<T, C> = await page(cursor);
    if (visit(current) === 'enough') return;
    cursor = current.next;
  } while (cursor !== null);
}

/**
 * The objects among `keys` (deduplicated), by key, in the fewest calls: a GET each when that costs no more
 * (see singleGetsPay), else one walk of the list that stops once every key has been seen. A key found nowhere
 * is absent from the map.
 */
export async function findByKeys<T, C = string, G = T>(keys: readonly string[], lookup: Lookup<T, C, G>): Promise<Map<string, T | G>> {
  const wanted = [...new Set(keys)];
  const found = new Map<string, T | G>();
  if (wanted.length === 0) return found;
  if (lookup.get && singleGetsPay(wanted.length, lookup.maxSingleGets, lookup.pages)) {
    const answers = await getEach(wanted, lookup.get, found);
    await lookup.afterGets?.(answers);
    return found;
  }
  const want = new Set(wanted);
  let pagesRead = 0;
  let getUnseen = false;
  await walkList(lookup.page, (page) => {
    pagesRead += 1;
    for (const item of page.items) {
      for (const key of lookup.keysOf(item)) if (want.has(key) && !found.has(key)) found.set(key, item);
    }
    if (found.size === want.size) return 'enough';
    // Decided once, on the first page: the one that tells how long the list is.
    const pagesLeft = pagesRead === 1 && lookup.getUnseenWhenCheaper ? page.pagesLeft : undefined;
    getUnseen = pagesLeft !== undefined && want.size - found.size <= pagesLeft;
    return getUnseen ? 'enough' : 'more';
  });
  if (getUnseen && lookup.get)
    await getEach(
      wanted.filter((key) => !found.has(key)),
      lookup.get,
      found,
    );
  return found;
}

/** A batch read by id: a Lookup, plus how ids are checked, keyed, mapped to records and answered when absent. */
interface ByIds<T, R, C = string, G = T> extends Lookup<T, C, G> {
  /** The provider's check for this kind of id: throws its INVALID ProviderError. */
  check: (id: string) => void;
  /** The key two ids naming one object share (lower case where ids ignore case); the id itself by default. */
  key?: (id: string) => string;
  toRecord: (item: Exclude<T | G, ProviderError>) => R;
  /** The answer for a well-formed id that neither a GET nor the list found. */
  notFound: (id: string) => ProviderError;
}

/**
 * Answers a batch read one entry per id, in input order: INVALID for an id that fails its check (no call for
 * it), the record, a get's own ProviderError, or NOT_FOUND. Ids naming one object are read once and share a record;
 * no call at all when no id is well formed.
 */
export async function readByIds<T, R, C = string, G = T>(ids: readonly string[], source: ByIds<T, R, C, G>): Promise<Array<R | ProviderError>> {
  const keyOf = source.key ?? ((id: string) => id);
  const invalid = ids.map((id) => invalidOf(() => source.check(id)));
  const found = await findByKeys(ids.filter((_, i) => invalid[i] === null).map(keyOf), source);
  const records = new Map<string, R | ProviderError>();
  for (const [key, item] of found) {
    // A get's ProviderError answers as it is; anything else found is an object of the list or of a get.
    records.set(key, isProviderError(item) ? item : source.toRecord(item as Exclude<T | G, ProviderError>));
  }
  return ids.map((id, i) => invalid[i] ?? records.get(keyOf(id)) ?? source.notFound(id));
}
