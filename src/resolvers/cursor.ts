// Connection cursors: where an edge sits in the provider's pages (page token, page size, offset), opaque to clients.
import { createHash } from 'node:crypto';
import { UserInputError } from './errors.js';

export interface CursorPosition {
  /** The provider's token of the page holding the edge (null: the first page). */
  token: string | null;
  /** The page size that page was read with: offsets are only stable at the same size. */
  size: number;
  /** The edge's index inside that page. */
  offset: number;
  /** Set on a page's last item: the provider's next token (null at the end), so resuming costs no re-read. */
  next?: string | null;
}

/** A short fingerprint of the list a cursor belongs to, so a cursor from another list is refused. */
export function listFingerprint(listKey: string): string {
  return createHash('sha256').update(listKey).digest('base64url').slice(0, 10);
}

export function encodeCursor(list: string, position: CursorPosition): string {
  const body = { l: list, t: position.token, s: position.size, o: position.offset, ...(position.next !== undefined ? { n: position.next } : {}) };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, list: string, argument = 'after'): CursorPosition {
  const invalid = (why: string) => new UserInputError(`Invalid cursor in \`${argument}\`: ${why}`, { argument });
  let body: unknown;
  try {
    body = /^[A-Za-z0-9_-]{1,4096}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null) throw invalid('not a cursor this API issued');
  const { l, t, s, o, n } = body as Record<string, unknown>;
  if (l !== list) throw invalid('it belongs to another list (or to the same list with other filters)');
  const tokenOk = (value: unknown) => value === null || typeof value === 'string';
  if (!tokenOk(t) || !Number.isInteger(s) || !Number.isInteger(o) || (o as number) < 0 || (n !== undefined && !tokenOk(n))) {
    throw invalid('not a cursor this API issued');
  }
  return { token: t as string | null, size: s as number, offset: o as number, ...(n !== undefined ? { next: n as string | null } : {}) };
}
