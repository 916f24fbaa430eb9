// The Pothos schema builder: its plugins, scalars and defaults; every type file adds itself to it.
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError } from 'graphql';
import { DateTimeResolver, EmailAddressResolver, JSONObjectResolver } from 'graphql-scalars';
import type { GroupRecord, JsonObject, MemberRecord, OrganizationRecord } from '../providers/types.js';
import { decodeGlobalId, encodeGlobalId } from '../resolvers/ids.js';
import type { RequestContext } from '../resolvers/context.js';
import { ForbiddenError } from '../resolvers/writes/errors.js';

export interface SchemaTypes {
  Context: RequestContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    EmailAddress: { Input: string; Output: string };
    JSONObject: { Input: JsonObject; Output: JsonObject };
  };
  Objects: { Organization: OrganizationRecord; Team: GroupRecord; UserGroup: GroupRecord; Member: MemberRecord };
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
    edgesFieldOptions: { nullable: { list: false, items: false } },
    nodeFieldOptions: { nullable: true },
    // The plugin's nodes(ids:) decodes every id before loading any, so one garbled id would fail the whole list;
    // query.ts defines the field instead, with each id failing on its own.
    nodesQueryOptions: false,
    cursorType: 'String',
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('EmailAddress', EmailAddressResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);

builder.globalConnectionField('totalCount', (t) =>
  t.int({ nullable: true, description: 'The number of items across all pages; null where the provider does not say.', resolve: (parent) => parent.totalCount }),
);
