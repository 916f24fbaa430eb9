// Every person across providers as one connection, ordered by e-mail: keyset cursors on the address, so a page resumes right even after changes.
import type { ProviderId } from '../../providers/types.js';
import { firstFrom, type Connection, type ConnectionArgs } from '../connections.js';
import { listFingerprint } from '../cursor.js';
import { UserInputError } from '../errors.js';
import type { ReadContext } from '../read-context.js';
import { directories, throwIfFailed, type PersonRecord } from './summary.js';

export interface PeopleFilterInput {
  /** A case-insensitive substring of the e-mail; empty or left out: no condition. */
  emailContains?: string | null;
  /** Only people with a membership in one of these providers; empty or left out: every provider. */
  providers?: readonly ProviderId[] | null;
}

/**
 * People in e-mail order (code-unit order of the normalised address). Only the providers the filter names are
 * read: one walk of each one's organization list and of each organization's member list, however many pages a
 * request asks for. A provider that cannot be read fails the field with its error: a list missing that
 * provider's people would look complete (an access review must not miss anyone silently); leave it out of
 * `providers` to list the others.
 *
 * A cursor carries the e-mail of its edge (a keyset, in the codec's page token, signed like every cursor), so
 * the next page starts after that address whatever was added or removed before it: no one is repeated, and no
 * one who was there all along is skipped.
 */
export async function people(ctx: ReadContext, args: ConnectionArgs, filter?: PeopleFilterInput | null): Promise<Connection<PersonRecord>> {
  const first = firstFrom(args);
  const needle = filter?.emailContains ? filter.emailContains.toLowerCase() : null;
  const only = filter?.providers?.length ? [...new Set(filter.providers)].sort() : null;
  const fingerprint = listFingerprint(JSON.stringify(['people', needle, only]));
  const after = args.after != null ? afterEmail(ctx, args.after, fingerprint) : null;

  const parts = await directories(ctx, only);
  throwIfFailed(parts);
  const emails = new Set<string>();
  for (const part of parts) if ('index' in part) for (const email of part.index.keys()) emails.add(email);
  const matching = [...emails].filter((email) => needle === null || email.includes(needle)).sort(byCodeUnits);
  const rest = after === null ? matching : matching.filter((email) => email > after);
  const edges = rest.slice(0, first).map((email) => ({ node: { email }, cursor: ctx.cursors.encode(fingerprint, keyset(email)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rest.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: matching.length,
  };
}

/** The codec's page position, used as a keyset: the e-mail in the token, in a page of one. */
function keyset(email: string) {
  return { token: email, size: 1, offset: 0 };
}

/** The e-mail an `after` cursor of this list resumes after; a forged cursor, or one of another list or filter, is BAD_USER_INPUT. */
function afterEmail(ctx: ReadContext, cursor: string, fingerprint: string): string {
  const position = ctx.cursors.decode(cursor, fingerprint);
  if (position.token === null || position.size !== 1 || position.offset !== 0 || position.next !== undefined) {
    throw new UserInputError('Invalid cursor in `after`: it belongs to another list', { argument: 'after' });
  }
  return position.token;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
