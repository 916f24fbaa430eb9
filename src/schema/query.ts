// Root query fields beyond node (from the relay plugin) and providers: nodes by their ids, and the organizations across providers.
import { brandWithType } from '@pothos/core';
import type { OrganizationRecord } from '../providers/types.js';
import * as reads from '../resolvers/reads.js';
import { builder, type SchemaTypes } from './builder.js';
import { ProviderIdEnum } from './enums.js';
import { failedNode } from './failed-node.js';
import { OrganizationConnection } from './organization.js';
import { pageArgs } from './paging.js';

builder.queryType({
  description: 'Team membership across GoodAccess, GitBook, Bird, Checkmarx and Cloudflare.',
  // Every query field needs the read scope: a write-only key (a provisioning job) reads nothing but its payloads.
  authScopes: { read: true },
});

builder.queryField('nodes', (t) =>
  t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    // As node(id:) (builder.ts): composable beside another subgraph's nodes, and not in the supergraph's API.
    shareable: true,
    inaccessible: true,
    description:
      `The nodes with these ids, in the order asked (at most ${reads.MAX_NODE_IDS}). Each id stands alone: one that is malformed, ` +
      'of another API or of the wrong type is null with a BAD_USER_INPUT error at its index, one that names nothing is null.',
    args: { ids: t.arg.idList({ required: true, description: `Global ids, as any \`id\` field returns them; at most ${reads.MAX_NODE_IDS}.` }) },
    resolve: (_root, args, ctx, info) =>
      reads.nodesByGlobalId(ctx, args.ids, info).map(async (entry) => {
        const found = await entry;
        // An Error value nulls only its own entry (graphql-js reports it at that index): pass it through.
        if (found === null || found instanceof Error) return found;
        // The Node interface resolves a record's type from this brand. The type's name, as the plugin's node(id:)
        // brands: a record a loader shares is branded once, and a second brand of another value would throw.
        brandWithType<PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>>(found.record, found.type);
        return found.record;
      }),
  }),
);

builder.queryField('organizations', (t) =>
  t.field({
    type: OrganizationConnection,
    description:
      'Organizations of every provider (or one), in provider order. A provider that fails gives one edge whose node is null, with its ' +
      'error; the others are unaffected.',
    args: {
      provider: t.arg({ type: ProviderIdEnum, required: false, description: "Only this provider's organizations; left out: every provider's." }),
      ...pageArgs(
        "Each provider's organization list is read whole, once per request, whatever `first`: no call on GoodAccess, Bird and " +
          'Checkmarx (one organization each), one call per page of organizations on GitBook and Cloudflare.',
      ),
    },
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
  }),
);
