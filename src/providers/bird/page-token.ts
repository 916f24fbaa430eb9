// teamgraph's opaque page token for Bird lists: Bird's own pageToken plus how far into that page to resume.
import { ProviderError } from '../types.js';
import { MAX_PAGE_SIZE } from './capabilities.js';

/**
 * `t`: the Bird pageToken that starts the upstream page (null for the first); `k`: items of that page
 * already handed out; `l`: the limit that page was fetched with (needed to fetch the same page again).
 * `k` is non-zero only when a client-side status filter stopped in the middle of an upstream page.
 */
export interface ResumePoint {
  t: string | null;
  k: number;
  l: number | null;
}

const START: ResumePoint = { t: null, k: 0, l: null };

export function encodePageToken(point: ResumePoint): string {
  return Buffer.from(JSON.stringify(point.k > 0 ? point : { t: point.t }), 'utf8').toString('base64url');
}

/** Reads a token from a previous Page; a token this adapter did not make is INVALID, before any call. */
export function decodePageToken(token: string | null | undefined): ResumePoint {
  if (token === null || token === undefined) return START;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    const t = value.t;
    const k = value.k ?? 0;
    const l = value.l ?? null;
    const tOk = t === null || (typeof t === 'string' && t !== '');
    const kOk = typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < MAX_PAGE_SIZE;
    const lOk = l === null || (typeof l === 'number' && Number.isInteger(l) && l >= 1 && l <= MAX_PAGE_SIZE);
    if (tOk && kOk && lOk && (k === 0 || l !== null)) return { t: t as string | null, k, l: l as number | null };
  } catch {
    // Falls through to the INVALID below.
  }
  throw new ProviderError('BIRD', 'INVALID', 'Invalid page token for a Bird list', { field: 'after' });
}

/** The wanted page size, clamped to 1..100. */
export function pageSize(size: number): number {
  return Number.isFinite(size) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(size))) : MAX_PAGE_SIZE;
}
