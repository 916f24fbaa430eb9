// A frontend-style team page: a group's members a page at a time, typed end to end by the compiled TeamPage
// document (a renamed or removed field is a compile error here, not a blank cell at run time).
import type { Client } from './client.js';
import type { TeamPageQuery } from './gql/graphql.js';
import { TEAM_PAGE } from './operations.js';

/** The group as the TeamPage document reads it (a Team or a UserGroup). */
type GroupNode = Extract<NonNullable<TeamPageQuery['node']>, { __typename: 'Team' | 'UserGroup' }>;

/** One member row of the page. */
export type TeamMember = NonNullable<GroupNode['members']['edges'][number]['node']>;

export interface TeamPage {
  group: { id: string; name: string; provider: GroupNode['provider']; kind: GroupNode['__typename'] };
  /** This page's members, in list order. */
  members: TeamMember[];
  /** Across all pages; null where the provider does not say. */
  totalCount: number | null;
  /** Whether `next()` has another page to give. */
  hasMore: boolean;
}

export interface TeamPageOptions {
  /** Members per page, 1 to 100 (the API's cap); 20 by default. */
  pageSize?: number;
}

export interface TeamPageCursor {
  /** The next page, or null once the last one was given. Rejects when the id names no group. */
  next(): Promise<TeamPage | null>;
  /** True once the last page was given. */
  readonly done: boolean;
}

export function createTeamPage(client: Client, groupId: string, options: TeamPageOptions = {}): TeamPageCursor {
  const pageSize = options.pageSize ?? 20;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new RangeError(`pageSize must be 1 to 100, got ${pageSize}`);
  let after: string | null = null;
  let done = false;

  return {
    get done() {
      return done;
    },
    async next() {
      if (done) return null;
      const data = await client.request(TEAM_PAGE, { groupId, first: pageSize, after });
      const node = data.node;
      if (node === null || (node.__typename !== 'Team' && node.__typename !== 'UserGroup')) {
        throw new Error(`${groupId} is not a team or user group${node ? ` (a ${node.__typename})` : ''}`);
      }
      const { pageInfo, edges, totalCount } = node.members;
      after = pageInfo.endCursor;
      // A page that says more follow but gives no cursor would loop forever: it ends the paging instead.
      done = !pageInfo.hasNextPage || after === null;
      return {
        group: { id: node.id, name: node.name, provider: node.provider, kind: node.__typename },
        // A node is null only beside an error, on which the client throws: the filter is for the types.
        members: edges.flatMap((edge) => (edge.node ? [edge.node] : [])),
        totalCount,
        hasMore: !done,
      };
    },
  };
}
