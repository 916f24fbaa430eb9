// The paging arguments every connection takes: forward only (`first`, `after`), described once with their default, cap and cost.
import { DEFAULT_FIRST, MAX_FIRST, MAX_PAGES_PER_FIELD } from '../resolvers/connections.js';
import { builder } from './builder.js';

/**
 * `first` and `after` for a connection field. Pothos' `t.connection` always adds `last` and `before` too, which
 * this API cannot serve (provider lists page forward only), so connection fields are plain fields of a
 * connection type with these arguments: a client's `last` or `before` fails validation, before any call.
 * `cost` says what a page of this connection costs upstream.
 */
export function pageArgs(cost: string) {
  return builder.args((t) => ({
    first: t.int({
      required: false,
      description:
        `The most edges to return: 0 to ${MAX_FIRST}, ${DEFAULT_FIRST} when left out. Above ${MAX_FIRST} or negative is a BAD_USER_INPUT ` +
        `error with no upstream call, never a silent cut. ${cost}`,
    }),
    after: t.string({
      required: false,
      description:
        'Return the edges after this cursor: the endCursor (or any edge cursor) of an earlier page of this same connection, asked with ' +
        'the same other arguments. Left out: the first page. Paging is forward only (there is no last/before).',
    }),
  }));
}

/** What a page of a provider list costs, said on every connection that reads one. */
export const PAGE_COST =
  'A page costs one upstream call per provider page it reads (up to ProviderCapabilities.maxPageSize items each; one call for lists ' +
  `that come whole), and a filter the provider cannot apply reads full pages, at most ${MAX_PAGES_PER_FIELD} per field. Pages are read ` +
  'once per request.';
