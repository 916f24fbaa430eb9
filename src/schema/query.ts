// Root query fields beyond node/nodes (from the relay plugin) and providers: the organizations across providers.
import type { OrganizationRecord, ProviderError } from '../providers/types.js';
import { toGraphQLError } from '../resolvers/errors.js';
import * as reads from '../resolvers/reads.js';
import { builder } from './builder.js';
import { ProviderIdEnum } from './enums.js';
import { OrganizationRef } from './organization.js';

builder.queryType({ description: 'Team membership across GoodAccess, GitBook, Bird, Checkmarx and Cloudflare.' });

builder.queryField('organizations', (t) =>
  t.connection(
    {
      type: OrganizationRef,
      description: 'Organizations of every provider (or one), in provider order. A provider that fails gives one null edge with its error.',
      args: { provider: t.arg({ type: ProviderIdEnum, required: false }) },
      resolve: async (_root, args, ctx) => {
        const connection = await reads.organizations(ctx, args, args.provider);
        return {
          ...connection,
          edges: connection.edges.map((edge) => ({
            cursor: edge.cursor,
            // graphql-js awaits a promise in any field: a rejected one nulls this edge's node and reports the error.
            node: 'failed' in edge.node ? (failedNode(edge.node.failed) as unknown as OrganizationRecord) : edge.node,
          })),
        };
      },
    },
    { name: 'OrganizationConnection' },
    { name: 'OrganizationEdge' },
  ),
);

/**
 * A node that fails when graphql awaits it: that edge's node is null and the error carries its path. A lazy
 * thenable, so an edge whose node was not selected never leaves an unhandled rejection behind. Its `then` must
 * return a rejected promise: graphql-js calls `then` with only a fulfilment handler and catches on the result.
 */
function failedNode(error: ProviderError): PromiseLike<never> {
  return { then: (onFulfilled, onRejected) => Promise.reject(toGraphQLError(error)).then(onFulfilled, onRejected) };
}
