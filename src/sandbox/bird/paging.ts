// Bird's list parameters (limit, reverse, pageToken, status) and its cursor paging over a stable order.
import type { SimRequest } from '../core/types.js';
import { validationError } from './errors.js';
import { TEAM_MEMBER_STATUSES, type TeamMemberStatus } from './state.js';
import { byCreation } from './views.js';

export interface ListQuery {
  limit: number;
  reverse: boolean;
  /** The last item of the previous page, when a pageToken was given. */
  after: { createdAt: number; id: string } | null;
  status: TeamMemberStatus | null;
}

/** What a page token is bound to: the same list, direction and filter it was issued for. */
interface TokenBody {
  v: 1;
  list: string;
  reverse: boolean;
  status: string | null;
  createdAt: number;
  id: string;
}

/** One value of a query parameter; a repeated parameter is a validation error. */
function single(req: SimRequest, name: string): string | null {
  const values = req.query.getAll(name);
  if (values.length > 1) throw validationError(name, 'must be given once');
  return values[0] ?? null;
}

/**
 * Reads the list parameters. `list` names the list a token belongs to (a team's members, or the teams).
 * [infer] A token used with another list, direction or status filter is a 422 naming `pageToken`.
 */
export function parseListQuery(req: SimRequest, list: string, allowStatus: boolean): ListQuery {
  const limitText = single(req, 'limit');
  let limit = 10;
  if (limitText !== null) {
    limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 100)) throw validationError('limit', 'must be an integer between 1 and 100');
  }

  const reverseText = single(req, 'reverse');
  if (reverseText !== null && reverseText !== 'true' && reverseText !== 'false') {
    throw validationError('reverse', 'must be true or false');
  }
  const reverse = reverseText === 'true';

  let status: TeamMemberStatus | null = null;
  if (allowStatus) {
    // [infer] `status` takes one value of the TeamMember status enum.
    const statusText = single(req, 'status');
    if (statusText !== null) {
      if (!TEAM_MEMBER_STATUSES.includes(statusText as TeamMemberStatus)) {
        throw validationError('status', `must be one of ${TEAM_MEMBER_STATUSES.join(', ')}`);
      }
      status = statusText as TeamMemberStatus;
    }
  }

  const tokenText = single(req, 'pageToken');
  let after: ListQuery['after'] = null;
  if (tokenText !== null && tokenText !== '') {
    const token = decodeToken(tokenText);
    if (!token || token.list !== list || token.reverse !== reverse || token.status !== status) {
      throw validationError('pageToken', 'is not a valid page token for this list');
    }
    after = { createdAt: token.createdAt, id: token.id };
  }
  return { limit, reverse, after, status };
}

function decodeToken(text: string): TokenBody | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<TokenBody>;
    if (
      value.v === 1 &&
      typeof value.list === 'string' &&
      typeof value.reverse === 'boolean' &&
      (value.status === null || typeof value.status === 'string') &&
      typeof value.createdAt === 'number' &&
      typeof value.id === 'string'
    ) {
      return value as TokenBody;
    }
  } catch {
    // Falls through: not base64url JSON.
  }
  return null;
}

/**
 * One page of `items` in creation order (newest first with `reverse`). The token holds the last item's
 * sort key rather than an offset, so adding or removing members between pages never repeats or skips one.
 * [infer] The last page carries `nextPageToken: ""` ("if empty, there are no more results").
 */
export function pageOf<T extends { createdAt: number; id: string }>(
  items: readonly T[],
  query: ListQuery,
  list: string,
): { results: T[]; nextPageToken: string } {
  const sorted = [...items].sort(byCreation);
  if (query.reverse) sorted.reverse();
  const after = query.after;
  const start = after ? sorted.findIndex((item) => (query.reverse ? byCreation(item, after) < 0 : byCreation(item, after) > 0)) : 0;
  const from = start === -1 ? sorted.length : start;
  const results = sorted.slice(from, from + query.limit);
  const last = results[results.length - 1];
  const more = from + query.limit < sorted.length && last !== undefined;
  const body: TokenBody | null = more ? { v: 1, list, reverse: query.reverse, status: query.status, createdAt: last.createdAt, id: last.id } : null;
  return { results, nextPageToken: body ? Buffer.from(JSON.stringify(body)).toString('base64url') : '' };
}
