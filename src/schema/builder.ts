// The Pothos schema builder: its plugins, scalars and defaults; every type file adds itself to it.
import SchemaBuilder, { brandWithType } from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError } from 'graphql';
import { DateTimeResolver, EmailAddressResolver, JSONObjectResolver } from 'graphql-scalars';
import type { GroupRecord, JsonObject, MemberRecord, OrganizationRecord } from '../providers/types.js';
import { MAX_PAGES_PER_FIELD } from '../resolvers/connections.js';
import { decodeGlobalId, encodeGlobalId } from '../resolvers/ids.js';
import type { RequestContext } from '../resolvers/context.js';
import * as reads from '../resolvers/reads.js';
import type { PersonRecord } from '../resolvers/people/index.js';
import { ForbiddenError } from '../resolvers/writes/errors.js';

export interface SchemaTypes {
  Context: RequestContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    EmailAddress: { Input: string; Output: string };
    JSONObject: { Input: JsonObject; Output: JsonObject };
  };
  Objects: { Organization: OrganizationRecord; Team: GroupRecord; UserGroup: GroupRecord; Member: MemberRecord; Person: PersonRecord };
  Interfaces: { MemberGroup: GroupRecord };
  Connection: { totalCount: number | null };
  /** The caller's API key scopes (server/auth.ts): every mutation needs `write`. */
  AuthScopes: { read: boolean; write: boolean; trace: boolean };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  // A node is null only where its provider failed: the error says why, the other providers' edges stay.
  DefaultNodeNullability: true;
}

export const builder = new SchemaBuilder<SchemaTypes>({
  // Plugins listed first wrap the others: errors outermost, so the typed ForbiddenError scope-auth raises becomes a
  // result; scope-auth next, so a refused mutation never reaches its resolver (no upstream call). Federation needs
  // the directives plugin before it (it records @key there) to print the subgraph SDL.
  plugins: [ErrorsPlugin, ScopeAuthPlugin, RelayPlugin, SimpleObjectsPlugin, DirectivesPlugin, FederationPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({
      read: ctx.caller?.scopes.has('read') ?? false,
      write: ctx.caller?.scopes.has('write') ?? false,
      trace: ctx.caller?.scopes.has('trace') ?? false,
    }),
    unauthorizedError: (_parent, ctx, info) => {
      const key = `The API key${ctx.caller ? ` "${ctx.caller.name}"` : ''}`;
      // A mutation answers with its typed ForbiddenError; a query field with a GraphQL error carrying a code.
      if (info.parentType.name === 'Mutation') return new ForbiddenError(`${key} may not run ${info.fieldName}: it needs the write scope`, null);
      return new GraphQLError(`${key} may not read ${info.fieldName}: it needs the read scope`, { extensions: { code: 'FORBIDDEN' } });
    },
  },
  // Directives as an object keyed by name: the form graphql-tools reads, or codegen prints `schema @0(...)`.
  directives: { useGraphQLToolsUnorderedDirectives: true },
  defaultFieldNullability: false,
  relay: {
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodeTypeOptions: {
      description: 'An object with a global id: Organization, Team, UserGroup, Member or Person. Fetch any of them again with node(id:) or nodes(ids:).',
    },
    idFieldOptions: {
      description:
        'The global id: opaque, stable, and carrying the type, the provider and the whole path to the object (a Person: their normalised ' +
        'e-mail), so node(id:) needs no lookup table. Treat it as a string; it is also the Apollo Federation @key.',
    },
    nodeQueryOptions: {
      // Composable beside another subgraph's node (docs/schema.md, Federation): shareable, and kept out of the supergraph's API.
      shareable: true,
      inaccessible: true,
      description:
        'The object with this id; null when it does not exist (any more) or its provider is not served here. A malformed id (not issued by ' +
        'this API, a wrong type or a part in the wrong format) is a BAD_USER_INPUT error and costs no upstream call; otherwise one read ' +
        'of the provider, batched with the other ids of the request.',
      args: { id: { description: 'A global id, as any `id` field of this API returns it.' } },
      // A group or organization whose asked fields its id answers is not read: one of its lists is (resolvers/node-from-id.ts).
      resolve: (_root, args, ctx, info, resolveNode) => {
        const fromId = reads.nodeFromId(ctx, args.id.typename, args.id.id, info);
        if (!fromId) return resolveNode(args.id);
        // The Node interface resolves the record's type from this brand, as the plugin's own loads are branded.
        const type = args.id.typename as keyof SchemaTypes['Objects'];
        return fromId.then((record) => {
          if (record) brandWithType<PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>>(record, type);
          return record;
        });
      },
    },
    // The plugin's nodes(ids:) decodes every id before loading any, so one garbled id would fail the whole list;
    // query.ts defines the field instead, with each id failing on its own.
    nodesQueryOptions: false,
    // Every Relay subgraph defines PageInfo: shareable, or a supergraph with two of them does not compose.
    pageInfoTypeOptions: { shareable: true, description: 'Where a page of a connection sits in its list. Paging is forward only: pass endCursor as `after`.' },
    hasNextPageFieldOptions: {
      description:
        'True when more may follow: ask again with `after: endCursor`. Under a filter the gateway applies itself, one field reads at most ' +
        `${MAX_PAGES_PER_FIELD} provider pages, so a page can come short (even empty) with hasNextPage true.`,
    },
    hasPreviousPageFieldOptions: { description: 'True exactly when `after` was given (paging is forward only, so earlier edges are never counted).' },
    startCursorFieldOptions: { description: "The first edge's cursor; null when the page is empty." },
    endCursorFieldOptions: {
      description:
        "Where the next page starts: pass it as `after`. The last edge's cursor, or past the items a gateway-side filter skipped after " +
        'it (so it can be set on an empty page); null on an empty page otherwise.',
    },
    pageInfoFieldOptions: { description: 'Where this page sits: whether more follow, and the cursor to continue from.' },
    edgesFieldOptions: { nullable: { list: false, items: false }, description: 'The items of this page, in list order, each with its cursor.' },
    cursorFieldOptions: {
      description:
        'An opaque, signed cursor for this edge: pass it as `after` to the same connection with the same arguments to continue after it. ' +
        'It holds across requests (and restarts, where TEAMGRAPH_CURSOR_SECRET is set); an edited one, or one of another list or filter, ' +
        'is BAD_USER_INPUT.',
    },
    nodeFieldOptions: {
      nullable: true,
      description: "The item; null only where its provider failed (the error, with the provider's code, says why; other edges are unaffected).",
    },
    cursorType: 'String',
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('EmailAddress', EmailAddressResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: true,
    description:
      'The number of items across all pages, filters applied; costs no call beyond the page. Null where the provider does not say, and ' +
      'under a filter the provider cannot apply itself (except where it returns whole lists).',
    resolve: (parent) => parent.totalCount,
  }),
);
