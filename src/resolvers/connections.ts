// Provider pages to Relay connections: `first`/`after` over cursors, page numbers and whole lists alike.
import type { Page } from '../providers/types.js';
import { listFingerprint, type CursorCodec, type CursorPosition } from './cursor.js';
import { UserInputError } from './errors.js';

export const DEFAULT_FIRST = 20;
export const MAX_FIRST = 100;
/** Provider pages one connection may read while a client-side filter skips items: bounds the work of one field. */
export const MAX_PAGES_PER_FIELD = 20;

/** Forward paging only: the schema offers no `last` or `before` (provider lists page forward). */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | null;
}

export interface PagedList<T> {
  /** Names the list and its server-side filters; cursors are only valid on the list that made them. */
  key: string;
  /** Reads one provider page (through the request's loaders, so a page is read once per request). */
  fetch(token: string | null, size: number): Promise<Page<T>>;
  /** The page size to read with when no cursor fixes it. */
  pageSize(first: number): number;
  /** A filter the provider could not apply; paging stays exact because cursors point into unfiltered pages. */
  keep?: (item: T) => boolean;
  /** True when every page is the whole list (counts stay exact under a client-side filter). */
  whole?: boolean;
}

/**
 * An edge whose cursor is signed when first read: a page's edges are mostly read without their cursors (a
 * dashboard asks for none), and signing one is a JSON encoding and an HMAC.
 */
class PageEdge<T> implements Edge<T> {
  private signed: string | undefined;

  constructor(
    readonly node: T,
    private readonly sign: () => string,
  ) {}

  get cursor(): string {
    this.signed ??= this.sign();
    return this.signed;
  }
}

/** Checks `first` and returns how many edges to give; a mistake costs no upstream call. */
export function firstFrom(args: ConnectionArgs): number {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw new UserInputError(`\`first\` must be between 0 and ${MAX_FIRST}; got ${first}`, { argument: 'first' });
  }
  return first;
}

/** Where a connection starts reading: its first page's token and size, the items of it to skip; null when it reads nothing. */
interface Start {
  token: string | null;
  size: number;
  skip: number;
}

function startOf<T>(args: ConnectionArgs, list: PagedList<T>, after: CursorPosition | null): Start | null {
  const size = after?.size ?? list.pageSize(firstFrom(args));
  if (after && after.next !== undefined) {
    // The cursor is a page's last item and knows what follows: no re-read of its page.
    return after.next === null ? null : { token: after.next, size, skip: 0 };
  }
  return { token: after?.token ?? null, size, skip: after ? after.offset + 1 : 0 };
}

function afterOf<T>(cursors: CursorCodec, args: ConnectionArgs, list: PagedList<T>): CursorPosition | null {
  return args.after != null ? cursors.decode(args.after, listFingerprint(list.key), { whole: list.whole === true }) : null;
}

/**
 * The first page a connection will read, started now (through the same fetch, so the connection finds it read):
 * lets a caller that knows the connection is coming use its page before the field resolves. Null when it reads
 * none; throws what the connection would throw for its arguments.
 */
export function firstPageOf<T>(cursors: CursorCodec, args: ConnectionArgs, list: PagedList<T>): Promise<Page<T>> | null {
  const start = startOf(args, list, afterOf(cursors, args, list));
  return start && list.fetch(start.token, start.size);
}

/** `cursors` signs the cursors this connection hands out and checks the one it is given (the request's codec). */
export async function connectionFromPages<T>(cursors: CursorCodec, args: ConnectionArgs, list: PagedList<T>): Promise<Connection<T>> {
  const first = firstFrom(args);
  const fingerprint = listFingerprint(list.key);
  const shape = { whole: list.whole === true };
  const after = afterOf(cursors, args, list);
  const start = startOf(args, list, after);
  if (!start) return emptyConnection(null, true);
  const { size } = start;
  let { token, skip } = start;

  const edges: Array<Edge<T>> = [];
  let totalCount: number | null = null;
  let hasNextPage = false;
  let scanEnd: CursorPosition | null = null;
  /**
   * Set once `first` edges are taken while a filter hid the rest of their page: later pages are only searched
   * for one more match, so hasNextPage is exact and a walk never ends on an empty page.
   */
  let lookingAhead = false;

  for (let pages = 0; ; pages++) {
    const page = await list.fetch(token, size);
    if (pages === 0) totalCount = list.keep ? (list.whole ? page.items.filter(list.keep).length : null) : page.totalCount;
    const last = page.items.length - 1;
    let i = skip;
    for (; !lookingAhead && i <= last && edges.length < first; i++) {
      const item = page.items[i] as T;
      const position: CursorPosition = { token, size, offset: i, ...(i === last ? { next: page.next } : {}) };
      scanEnd = position;
      if (!list.keep || list.keep(item)) edges.push(new PageEdge(item, () => cursors.encode(fingerprint, position, shape)));
    }
    if (edges.length >= first) {
      const restOfPage = page.items.slice(i);
      if (list.keep ? restOfPage.some(list.keep) : restOfPage.length > 0) {
        hasNextPage = true;
        break;
      }
      if (!list.keep || page.next === null) {
        hasNextPage = page.next !== null;
        break;
      }
      // Nothing left on this page matches: resume after it, and look at the next one.
      lookingAhead = true;
      scanEnd = pageEnd(token, size, last, page.next);
    }
    if (page.next === null) break;
    if (pages + 1 >= MAX_PAGES_PER_FIELD) {
      hasNextPage = true;
      scanEnd = pageEnd(token, size, last, page.next);
      break;
    }
    token = page.next;
    skip = 0;
  }

  // When a filter skipped the rest of the scanned pages, the end cursor resumes after them, not after the last edge.
  const resumeAt = hasNextPage && list.keep ? scanEnd : null;
  return {
    edges,
    // Signed when read, as the edges' cursors are.
    pageInfo: {
      hasNextPage,
      hasPreviousPage: after !== null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        if (resumeAt) return cursors.encode(fingerprint, resumeAt, shape);
        return edges.length > 0 ? (edges[edges.length - 1] as Edge<T>).cursor : null;
      },
    },
    totalCount,
  };
}

/** A cursor that resumes after a whole page (resuming reads `next`, so the offset only has to be valid: an empty page has none). */
function pageEnd(token: string | null, size: number, last: number, next: string | null): CursorPosition {
  return { token, size, offset: Math.max(last, 0), next };
}

/** A connection with no edges: `totalCount` as the list has it (null: unknown), `hasPreviousPage` when it resumes after a cursor. */
export function emptyConnection<T>(totalCount: number | null, hasPreviousPage = false): Connection<T> {
  return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage, startCursor: null, endCursor: null }, totalCount };
}
