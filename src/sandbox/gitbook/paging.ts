// GitBook's List envelope `{items, next?: {page}, count}` with opaque, tamper-checked `page` cursors and `limit`.
import { createHmac } from 'node:crypto';
import { SimError, type SimRequest } from '../core/types.js';

export const MAX_LIMIT = 1000;
/** [infer] The spec states no default page size; the sandbox serves 50. */
export const DEFAULT_LIMIT = 50;
/** Signs cursors so a hand-edited one is refused; not a secret worth protecting, only a tamper check. */
const CURSOR_KEY = 'gitbook-sandbox-cursor';

export interface ListEnvelope {
  items: unknown[];
  next?: { page: string };
  count: number;
}

/** `limit`: a whole number 0..1000; 0 or absent means the default (the spec allows 0). */
export function parseLimit(req: SimRequest): number {
  const raw = req.query.get('limit');
  if (raw === null || raw.trim() === '') return DEFAULT_LIMIT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > MAX_LIMIT) {
    throw new SimError(400, `Invalid "limit": expected a whole number from 0 to ${MAX_LIMIT}, got "${raw}"`);
  }
  return value === 0 ? DEFAULT_LIMIT : value;
}

function sign(list: string, after: string): string {
  return createHmac('sha256', CURSOR_KEY).update(`${list}\n${after}`).digest('base64url').slice(0, 16);
}

/**
 * A cursor names the list it belongs to and the last id served (lists are ordered by id), so members added or
 * removed between two pages never make the next page skip or repeat someone.
 */
export function encodeCursor(list: string, after: string): string {
  return Buffer.from(JSON.stringify({ l: list, a: after, s: sign(list, after) })).toString('base64url');
}

function decodeCursor(token: string, list: string): string {
  const invalid = () => new SimError(400, 'Invalid "page": the cursor is malformed or belongs to another list');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { l, a, s } = (parsed ?? {}) as { l?: unknown; a?: unknown; s?: unknown };
  if (typeof l !== 'string' || typeof a !== 'string' || typeof s !== 'string') throw invalid();
  if (l !== list || s !== sign(l, a)) throw invalid();
  return a;
}

/** The first index whose id sorts after `after`. */
function startAfter(sortedIds: readonly string[], after: string): number {
  let low = 0;
  let high = sortedIds.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sortedIds[mid] as string) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Serves one page of `ids` (any order; sorted here) as a List envelope, rendering only the items on the page. */
export function paginate(req: SimRequest, list: string, ids: Iterable<string>, render: (id: string) => unknown): ListEnvelope {
  const limit = parseLimit(req);
  const sorted = [...ids].sort();
  const page = req.query.get('page');
  const start = page === null || page === '' ? 0 : startAfter(sorted, decodeCursor(page, list));
  const slice = sorted.slice(start, start + limit);
  const envelope: ListEnvelope = { items: slice.map(render), count: sorted.length };
  const last = slice[slice.length - 1];
  if (start + limit < sorted.length && last !== undefined) envelope.next = { page: encodeCursor(list, last) };
  return envelope;
}
