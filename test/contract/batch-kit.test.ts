// The batch-by-id kit every adapter reads ids with: bad ids as values at no cost, single gets or one walk (the cheaper), answers in input order.
import { describe, expect, it } from 'vitest';
import { findByKeys, readByIds, type ListPage, type Lookup } from '../../src/providers/batch.js';
import { ProviderError } from '../../src/providers/types.js';

interface Item {
  id: string;
}

/** A fake API over `ids` in pages of `perPage`: counts its calls, and says how many pages are left when asked to. */
function fakeList(ids: readonly string[], perPage: number, options: { counted?: boolean } = {}) {
  const calls: string[] = [];
  const page = async (cursor: number | null): Promise<ListPage<Item, number>> => {
    const number = cursor ?? 1;
    calls.push(`page ${number}`);
    const items = ids.slice((number - 1) * perPage, number * perPage).map((id) => ({ id }));
    const pages = Math.ceil(ids.length / perPage);
    return { items, next: number < pages ? number + 1 : null, ...(options.counted ? { pagesLeft: pages - number } : {}) };
  };
  const get = async (id: string): Promise<Item | null> => {
    calls.push(`get ${id}`);
    return ids.includes(id) ? { id } : null;
  };
  return { calls, lookup: { page, get, keysOf: (item: Item) => [item.id] } satisfies Lookup<Item, number> };
}

const hundred = Array.from({ length: 100 }, (_, i) => `id${i}`);
const invalid = (id: string) => new ProviderError('GITBOOK', 'INVALID', `bad ${id}`, { field: 'id' });
const notFound = (id: string) => new ProviderError('GITBOOK', 'NOT_FOUND', `no ${id}`);

function readIds(ids: readonly string[], lookup: Lookup<Item, number>) {
  return readByIds(ids, {
    ...lookup,
    check: (id) => {
      if (id.includes('/')) throw invalid(id);
    },
    toRecord: (item) => ({ record: item.id }),
    notFound,
  });
}

const shown = (answers: Array<{ record: string } | ProviderError>) => answers.map((a) => (a instanceof ProviderError ? a.kind : a.record));

describe('the single gets or the walk', () => {
  it('up to three distinct ids get a GET each; a fourth makes it one walk that stops once all are seen', async () => {
    const three = fakeList(hundred, 10);
    await findByKeys(['id5', 'id50', 'id5', 'id95'], three.lookup);
    expect(three.calls).toEqual(['get id5', 'get id50', 'get id95']);

    const four = fakeList(hundred, 10);
    const found = await findByKeys(['id5', 'id15', 'id25', 'id3'], four.lookup);
    expect([...found.keys()].sort()).toEqual(['id15', 'id25', 'id3', 'id5']);
    expect(four.calls).toEqual(['page 1', 'page 2', 'page 3']);
  });

  it('takes the threshold as maxSingleGets, and a known page count as the cap (ties go to the gets)', async () => {
    const lowered = fakeList(hundred, 10);
    await findByKeys(['id1', 'id2'], { ...lowered.lookup, maxSingleGets: 1 });
    expect(lowered.calls).toEqual(['page 1']);

    const whole = fakeList(hundred, 100);
    await findByKeys(['id1'], { ...whole.lookup, pages: 1 });
    await findByKeys(['id1', 'id2'], { ...whole.lookup, pages: 1 });
    expect(whole.calls).toEqual(['get id1', 'page 1']);
  });

  it('walks when the API has no single read, and reads nothing for no keys', async () => {
    const { calls, lookup } = fakeList(hundred, 50);
    await findByKeys(['id1'], { page: lookup.page, keysOf: lookup.keysOf });
    await findByKeys([], lookup);
    expect(calls).toEqual(['page 1']);
  });

  it('after a first page that counts the list, gets the unseen ids when no more calls than the pages left', async () => {
    const cheaper = fakeList(hundred, 10, { counted: true });
    await findByKeys(['id1', 'id2', 'id3', 'id40', 'nowhere'], { ...cheaper.lookup, getUnseenWhenCheaper: true });
    expect(cheaper.calls).toEqual(['page 1', 'get id40', 'get nowhere']);

    const walk = fakeList(hundred, 50, { counted: true });
    await findByKeys(['id1', 'id2', 'id3', 'id60', 'nowhere'], { ...walk.lookup, getUnseenWhenCheaper: true });
    expect(walk.calls).toEqual(['page 1', 'page 2']);
  });

  it('hands the answers of gets made before any page to afterGets, and never those made after one', async () => {
    const seen: Array<ReadonlyArray<Item | null>> = [];
    const afterGets = async (answers: ReadonlyArray<Item | null>) => void seen.push(answers);
    await findByKeys(['id1', 'nowhere'], { ...fakeList(hundred, 10).lookup, afterGets });
    await findByKeys(['id1', 'id2', 'id3', 'id40'], { ...fakeList(hundred, 10, { counted: true }).lookup, afterGets, getUnseenWhenCheaper: true });
    expect(seen).toEqual([[{ id: 'id1' }, null]]);
  });
});

describe('answers in input order', () => {
  it('a bad id is INVALID in its slot and costs nothing; duplicates share one read; absent ids are NOT_FOUND', async () => {
    const { calls, lookup } = fakeList(hundred, 10);
    const answers = await readIds(['id7', 'a/b', 'nowhere', 'id7'], lookup);
    expect(shown(answers)).toEqual(['id7', 'INVALID', 'NOT_FOUND', 'id7']);
    expect(answers[0]).toBe(answers[3]);
    expect(calls).toEqual(['get id7', 'get nowhere']);

    const none = fakeList(hundred, 10);
    expect(shown(await readIds(['x/1', 'x/2'], none.lookup))).toEqual(['INVALID', 'INVALID']);
    expect(none.calls).toEqual([]);
  });

  it("keys ids the provider's way, and answers with a get's own ProviderError value", async () => {
    const { lookup } = fakeList(hundred, 10);
    const gone = new ProviderError('GITBOOK', 'NOT_FOUND', 'the API said 404', { status: 404 });
    const answers = await readByIds(['ID1', 'id2'], {
      ...lookup,
      get: async (key) => (key === 'id2' ? gone : lookup.get(key)),
      check: () => {},
      key: (id) => id.toLowerCase(),
      toRecord: (item) => item.id,
      notFound,
    });
    expect(answers).toEqual(['id1', gone]);
  });

  it('a get that throws fails the whole batch', async () => {
    const { lookup } = fakeList(hundred, 10);
    const down = new ProviderError('GITBOOK', 'UNAVAILABLE', 'down');
    await expect(readIds(['id1', 'id2'], { ...lookup, get: async () => Promise.reject(down) })).rejects.toBe(down);
  });
});
