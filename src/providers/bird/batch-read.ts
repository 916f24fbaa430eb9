// Bird reads by id in a batch: a GET each for a few ids, else list pages until every id is seen; answered in order.
import { ProviderError } from '../types.js';
import { BATCH_CONCURRENCY, MAX_PAGE_SIZE, PROVIDER, idKey, idProblem, mapWithConcurrency, uniqueValidIds } from './context.js';

export interface BatchRead<Wire, Record> {
  /** The id field, for INVALID and NOT_FOUND errors. */
  field: 'groupId' | 'memberId';
  /** Up to this many distinct ids cost a GET each. */
  maxSingleGets: number;
  getOne(id: string): Promise<Record | null>;
  /** One list page of the largest size, from `token`. */
  listPage(token: string | null, size: number): Promise<{ results: Wire[]; next: string | null }>;
  wireId(wire: Wire): string;
  recordId(record: Record): string;
  toRecord(wire: Wire): Record;
  notFoundMessage: string;
}

export async function readBatch<Wire, Record>(ids: readonly string[], read: BatchRead<Wire, Record>): Promise<Array<Record | ProviderError>> {
  const wanted = uniqueValidIds(ids, read.field);
  const found = new Map<string, Record>();

  if (wanted.size > 0 && wanted.size <= read.maxSingleGets) {
    const records = await mapWithConcurrency([...wanted], BATCH_CONCURRENCY, (id) => read.getOne(id));
    for (const record of records) if (record) found.set(idKey(read.recordId(record)), record);
  } else if (wanted.size > 0) {
    // The list walk stops as soon as every wanted id has been seen.
    let token: string | null = null;
    do {
      const page = await read.listPage(token, MAX_PAGE_SIZE);
      for (const wire of page.results) {
        const key = idKey(read.wireId(wire));
        if (wanted.has(key)) found.set(key, read.toRecord(wire));
      }
      token = page.next;
    } while (token !== null && found.size < wanted.size);
  }

  return ids.map((id) => {
    const problem = idProblem(id, read.field);
    if (problem) return problem;
    return found.get(idKey(id)) ?? new ProviderError(PROVIDER, 'NOT_FOUND', read.notFoundMessage, { field: read.field });
  });
}
