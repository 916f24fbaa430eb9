// Page-number paging as Cloudflare lists do it: validated page/per_page, result_info, `result: []` past the end.
import type { SimRequest, SimResponse } from '../core/types.js';
import { invalid, ok } from './envelope.js';

export interface PerPageRule {
  min: number;
  max: number;
  default: number;
}

/** Group members: 1..500 [spec], default 20 [infer]. */
export const GROUP_MEMBER_PAGING: PerPageRule = { min: 1, max: 500, default: 20 };
/** Accounts, account members, user groups: 5..50 [doc: developers.cloudflare.com API reference], default 20 [infer]. */
export const LIST_PAGING: PerPageRule = { min: 5, max: 50, default: 20 };

function intParam(req: SimRequest, name: string, fallback: number): number {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw invalid(`Invalid value for parameter ${name}: expected an integer`);
  return Number(raw.trim());
}

export function pagingOf(req: SimRequest, rule: PerPageRule): { page: number; perPage: number } {
  const page = intParam(req, 'page', 1);
  const perPage = intParam(req, 'per_page', rule.default);
  if (page < 1) throw invalid('Invalid value for parameter page: must be at least 1');
  if (perPage < rule.min || perPage > rule.max) {
    throw invalid(`Invalid value for parameter per_page: must be between ${rule.min} and ${rule.max}`);
  }
  return { page, perPage };
}

/** `asc` (the default) or `desc`; anything else is a 1004. */
export function directionOf(req: SimRequest): 1 | -1 {
  const raw = req.query.get('direction');
  if (raw === null || raw === 'asc') return 1;
  if (raw === 'desc') return -1;
  throw invalid('Invalid value for parameter direction: expected asc or desc');
}

/** One page of an already filtered and sorted list, in the list envelope. */
export function pageOf<T>(items: readonly T[], req: SimRequest, rule: PerPageRule, view: (item: T) => unknown): SimResponse {
  const { page, perPage } = pagingOf(req, rule);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return ok(slice.map(view), {
    page,
    per_page: perPage,
    count: slice.length,
    total_count: items.length,
    total_pages: Math.ceil(items.length / perPage),
  });
}

/** Case-insensitive substring match used by `fuzzyEmail` / `fuzzyName`. */
export function fuzzyMatch(value: string, needle: string | null): boolean {
  return needle === null || needle === '' || value.toLowerCase().includes(needle.toLowerCase());
}

/** Sorts by a string key, ties broken by id so pages never overlap. */
export function sortBy<T extends { id: string }>(items: T[], key: (item: T) => string, direction: 1 | -1): T[] {
  return items.sort((a, b) => direction * (compare(key(a), key(b)) || compare(a.id, b.id)));
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
