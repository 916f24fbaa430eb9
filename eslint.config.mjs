// ESLint runs one thing here: @graphql-eslint's schema rules over schema.graphql, the printed client contract
// (`eslint schema.graphql`, in `npm run lint`, so in `npm test`). TypeScript is Biome's (biome.jsonc). Every rule is
// listed, each with its reason, rather than spread from a preset, so an upgrade of the plugin never changes the set
// unseen; the rules of the plugin's schema presets left out are at the end, each with the reason it is left out.
import graphql from '@graphql-eslint/eslint-plugin';

const rules = {
  // --- What the issue asked for: the contract says what everything is ---
  // Every type, field, argument, input field, enum value and directive is described (units, defaults, caps, costs):
  // the description is all a client sees of a rule that lives in a resolver.
  '@graphql-eslint/require-description': [
    'error',
    {
      types: true,
      rootField: true,
      FieldDefinition: true,
      InputValueDefinition: true,
      EnumValueDefinition: true,
      DirectiveDefinition: true,
    },
  ],
  // Block descriptions ("""), the form graphql-js prints: one style, and no `#` comment mistaken for a description.
  '@graphql-eslint/description-style': ['error', { style: 'block' }],
  '@graphql-eslint/no-hashtag-description': 'error',
  // A deprecation must say what to use instead, or clients cannot move off it.
  '@graphql-eslint/require-deprecation-reason': 'error',

  // --- Relay: what a Relay (or any cursor-paging) client compiles against ---
  // Connections have `edges` and `pageInfo`, and their names end in Connection.
  '@graphql-eslint/relay-connection-types': 'error',
  // Edges end in Edge and carry `cursor` and a `node` that implements Node. Lists that are not connections
  // (MemberChange lists, Member.groups) are allowed: they are whole, small, and not paged.
  '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: true, listTypeCanWrapOnlyEdgeType: false }],
  '@graphql-eslint/relay-page-info': 'error',
  // Every connection takes forward paging (`first: Int`, `after: String`). includeBoth false: this API pages
  // forward only, and offers no `last`/`before` it would refuse (docs/schema.md, "Connections and paging").
  '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],

  // --- Identity: what normalized caches (Relay's store, Apollo's InMemoryCache) key records by ---
  // An object with an identity has exactly one `id`. The exceptions have none of their own and live embedded in
  // their parent: payloads and typed errors (Success, Error), pages (Connection, Edge, PageInfo), capability flags
  // (Capabilities) and a change's report (MemberChange, MemberChangeSummary, OffboardChange, OffboardSummary). Provider is identified by its
  // ProviderId enum value (`id: ProviderId!`, such as GITBOOK), which no global id can equal.
  '@graphql-eslint/strict-id-in-types': [
    'error',
    {
      acceptedIdNames: ['id'],
      acceptedIdTypes: ['ID', 'ProviderId'],
      exceptions: {
        types: ['PageInfo', 'MemberChange', 'MemberChangeSummary', 'OffboardChange', 'OffboardSummary'],
        suffixes: ['Success', 'Error', 'Connection', 'Edge', 'Capabilities'],
      },
    },
  ],

  // --- Names clients and generated code rely on ---
  // PascalCase types, camelCase fields and arguments, UPPER_CASE enum values; no Hungarian prefixes or suffixes
  // (EnumX, XType, getX on Query, XMutation on Mutation). The plugin's recommended options.
  '@graphql-eslint/naming-convention': [
    'error',
    {
      types: 'PascalCase',
      FieldDefinition: 'camelCase',
      InputValueDefinition: 'camelCase',
      Argument: 'camelCase',
      DirectiveDefinition: 'camelCase',
      EnumValueDefinition: 'UPPER_CASE',
      'FieldDefinition[parent.name.value=Query]': { forbiddenPrefixes: ['query', 'get'], forbiddenSuffixes: ['Query'] },
      'FieldDefinition[parent.name.value=Mutation]': { forbiddenPrefixes: ['mutation'], forbiddenSuffixes: ['Mutation'] },
      'EnumTypeDefinition,EnumTypeExtension': { forbiddenPrefixes: ['Enum'], forbiddenSuffixes: ['Enum'] },
      'InterfaceTypeDefinition,InterfaceTypeExtension': { forbiddenPrefixes: ['Interface'], forbiddenSuffixes: ['Interface'] },
      'UnionTypeDefinition,UnionTypeExtension': { forbiddenPrefixes: ['Union'], forbiddenSuffixes: ['Union'] },
      'ObjectTypeDefinition,ObjectTypeExtension': { forbiddenPrefixes: ['Type'], forbiddenSuffixes: ['Type'] },
    },
  ],
  // Every mutation takes one `input: <Mutation>Input!` (docs/schema.md, "Mutations"): one variable per mutation in
  // every client, and the input type found by the mutation's name.
  '@graphql-eslint/input-name': ['error', { checkInputType: true, caseSensitiveInputType: false, checkMutations: true, checkQueries: false }],
  // A mutation answers a payload a client can read state from, never a bare scalar.
  '@graphql-eslint/no-scalar-result-type-on-mutation': 'error',
  // @oneOf input fields must be nullable (MemberRefInput): a non-null one could never be left out.
  '@graphql-eslint/require-nullable-fields-with-oneof': 'error',
  // The printed contract stays sorted (codegen prints it sorted), so a diff of schema.graphql shows real changes only.
  '@graphql-eslint/alphabetize': [
    'error',
    {
      definitions: true,
      fields: ['ObjectTypeDefinition', 'InterfaceTypeDefinition', 'InputObjectTypeDefinition'],
      values: true,
      arguments: ['FieldDefinition', 'DirectiveDefinition'],
    },
  ],

  // --- A well-formed schema (graphql-js's own SDL checks, and types nothing reaches) ---
  '@graphql-eslint/no-unreachable-types': 'error',
  '@graphql-eslint/known-argument-names': 'error',
  '@graphql-eslint/known-directives': 'error',
  '@graphql-eslint/known-type-names': 'error',
  '@graphql-eslint/lone-schema-definition': 'error',
  '@graphql-eslint/possible-type-extension': 'error',
  '@graphql-eslint/provided-required-arguments': 'error',
  '@graphql-eslint/unique-directive-names': 'error',
  '@graphql-eslint/unique-directive-names-per-location': 'error',
  '@graphql-eslint/unique-enum-value-names': 'error',
  '@graphql-eslint/unique-field-definition-names': 'error',
  '@graphql-eslint/unique-operation-types': 'error',
  '@graphql-eslint/unique-type-names': 'error',

  // --- Left out of the plugin's schema presets, and why ---
  // no-typename-prefix (recommended): it flags Member.memberId, the provider's membership id, a public name that
  // MemberRefInput.memberId and every client already use; renaming it would break them for style alone.
  '@graphql-eslint/no-typename-prefix': 'off',
  // no-root-type (all, disallowing mutations): this API exists to change membership.
  '@graphql-eslint/no-root-type': 'off',
  // require-nullable-result-in-root (all): a mutation's payload is never null (its failures are typed members of the
  // union), and Query.organizations keeps partial results per edge; null roots would only add null checks.
  '@graphql-eslint/require-nullable-result-in-root': 'off',
  // require-deprecation-date (all): it wants a `deletionDate` argument that graphql-js's @deprecated does not have;
  // require-deprecation-reason covers what a client needs.
  '@graphql-eslint/require-deprecation-date': 'off',
  // require-field-of-type-query-in-mutation-result (all): every mutation here returns a union, which the rule does
  // not check, so it could never report; the success types carry the changed group or member instead.
  '@graphql-eslint/require-field-of-type-query-in-mutation-result': 'off',
  // require-type-pattern-with-oneof (all): it is about output types marked @oneOf (ok/error results); the schema's
  // only @oneOf is an input.
  '@graphql-eslint/require-type-pattern-with-oneof': 'off',
};

export default [
  {
    files: ['schema.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'schema.graphql' } } },
    plugins: { '@graphql-eslint': graphql },
    rules,
  },
];
