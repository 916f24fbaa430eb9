// Page-number paging behind opaque tokens: which upstream page serves a request, and how a walk reads pages.
import type { ListPage } from '../batch.js';
import { ProviderError, type PageRequest } from '../types.js';
import type { ResultInfo } from './wire.js';

export interface PerPageRange {
  min: number;
  max: number;
}

/** Group members: per_page 1..500 [spec]. */
export const GROUP_MEMBER_PAGES: PerPageRange = { min: 1, max: 500 };
/** Accounts, account members and user groups: per_page 5..50 [doc: developers.cloudflare.com API reference]. */
export const LIST_PAGES: PerPageRange = { min: 5, max: 50 };

/** The upstream page that holds the next items, and which of its items this request returns. */
export interface PageWindow {
  page: number;
  perPage: number;
  /** Items of the upstream page before the one at `offset`. */
  skip: number;
  /** At most this many items are returned. */
  take: number;
  offset: number;
}

/**
 * The token is the index of the next item, not a page number: the caller may ask for another size on the
 * next call, and these lists refuse per_page below 5, so a page number alone could skip or repeat items.
 * When the size stays the same (the usual case), every call reads exactly one whole upstream page.
 */
export function windowFor(request: PageRequest, range: PerPageRange): PageWindow {
  const offset = offsetOf(request.after);
  const take = Math.max(1, Math.min(Math.floor(request.size) || 1, range.max));
  const perPage = Math.max(take, range.min);
  const page = Math.floor(offset / perPage) + 1;
  const skip = offset - (page - 1) * perPage;
  return { page, perPage, skip, take: Math.min(take, perPage - skip), offset };
}

function offsetOf(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  if (!/^\d{1,9}$/.test(after)) {
    throw new ProviderError('CLOUDFLARE', 'INVALID', 'Invalid page token: expected a token from a previous page', { field: 'after' });
  }
  return Number(after);
}

/**
 * This request's items out of the upstream page, the token of the next request (null at the end), and when the
 * request was a whole upstream page, the tokens of every page after it (`total_count` says how many there are).
 */
export function sliceWindow<T>(window: PageWindow, items: readonly T[], info: ResultInfo): { items: T[]; next: string | null; following?: string[] } {
  const taken = items.slice(window.skip, window.skip + window.take);
  const nextOffset = window.offset + taken.length;
  // The end: an empty page (the API answers `result: []` past the last page) or everything counted is read.
  const done = taken.length === 0 || nextOffset >= info.total_count;
  if (done) return { items: taken, next: null };
  if (window.skip !== 0 || window.take !== window.perPage) return { items: taken, next: String(nextOffset) };
  const following: string[] = [];
  for (let offset = nextOffset; offset < info.total_count; offset += window.perPage) following.push(String(offset));
  return { items: taken, next: String(nextOffset), following };
}

/**
 * An upstream page as a walk (batch.ts) reads it: page numbers are the cursors, and the walk ends at an empty page
 * (`result: []` past the last one) or once `total_count` items are behind it, which also tells the pages left.
 */
export function walkPage<T>(page: number, perPage: number, items: T[], info: ResultInfo): ListPage<T, number> {
  const end = items.length === 0 || page * perPage >= info.total_count;
  const last = Math.ceil(info.total_count / perPage);
  const following: number[] = [];
  if (!end) for (let n = page + 1; n <= last; n++) following.push(n);
  return { items, next: end ? null : page + 1, pagesLeft: last - page, following };
}
