// The Invoke payload between the gateway's lambda client and a connector function: calls out, results back.
import { z } from 'zod';
import { MEMBER_ROLES, MEMBER_STATUSES, PROVIDER_ERROR_KINDS, ProviderError, type MemberChange, type ProviderAdapter } from '../types.js';
import { PROVIDER_IDS } from '../catalog.js';

/** Bumped when the shape changes, so a gateway and a connector from different deploys refuse each other clearly. */
export const WIRE_VERSION = 1;

/** More calls than this in one tick are sent as several Invokes (a batch this big is a runaway, not a query). */
export const MAX_CALLS_PER_INVOKE = 200;

const pageRequest = z.object({ after: z.string().nullish(), size: z.number() });
const memberFilter = z.object({ status: z.array(z.enum(MEMBER_STATUSES)).optional(), emailContains: z.string().optional() });
const groupFilter = z.object({ name: z.string().optional() });
const groupRef = z.object({ organizationId: z.string(), groupId: z.string() });
const memberRef = z.union([z.object({ memberId: z.string() }), z.object({ email: z.string() })]);
const ids = z.array(z.string());
const role = z.enum(MEMBER_ROLES);
const newMember = z.object({ name: z.string(), password: z.string() });
const memberUpdate = z.object({ name: z.string().optional(), password: z.string().optional() });

/**
 * How a method's answer crosses the hop. ProviderError instances inside answers (batch entries, a FAILED
 * change) are turned into their serialised form and back, so their kinds survive.
 */
export type ResultKind = 'page' | 'entries' | 'change' | 'changes' | 'record' | 'void';

/**
 * Every adapter method a connector serves: its arguments (optional ones last, left out when undefined, since
 * JSON has no undefined) and how its answer is encoded.
 */
export const ADAPTER_CALLS = {
  listOrganizations: { args: z.tuple([pageRequest]), result: 'page' },
  getOrganizations: { args: z.tuple([ids]), result: 'entries' },
  listGroups: { args: z.tuple([z.string(), pageRequest, groupFilter.optional()]), result: 'page' },
  getGroups: { args: z.tuple([z.string(), ids]), result: 'entries' },
  listGroupMembers: { args: z.tuple([groupRef, pageRequest, memberFilter.optional()]), result: 'page' },
  getGroupMembers: { args: z.tuple([groupRef, ids]), result: 'entries' },
  listOrganizationMembers: { args: z.tuple([z.string(), pageRequest, memberFilter.optional()]), result: 'page' },
  getOrganizationMembers: { args: z.tuple([z.string(), ids]), result: 'entries' },
  addMember: { args: z.tuple([groupRef, memberRef, role.optional()]), result: 'change' },
  addMembers: { args: z.tuple([groupRef, z.array(memberRef), role.optional()]), result: 'changes' },
  removeMember: { args: z.tuple([groupRef, memberRef]), result: 'change' },
  removeMembers: { args: z.tuple([groupRef, z.array(memberRef)]), result: 'changes' },
  replaceMembers: { args: z.tuple([groupRef, z.array(memberRef), ids.optional()]), result: 'changes' },
  setMemberRole: { args: z.tuple([groupRef, z.string(), role]), result: 'void' },
  createMember: { args: z.tuple([z.string(), newMember]), result: 'record' },
  updateMember: { args: z.tuple([z.string(), z.string(), memberUpdate]), result: 'record' },
  deleteMember: { args: z.tuple([z.string(), z.string()]), result: 'void' },
  disconnectMember: { args: z.tuple([z.string(), z.string()]), result: 'void' },
  removeOrganizationMember: { args: z.tuple([z.string(), z.string()]), result: 'change' },
} as const satisfies Record<string, { args: z.ZodType<unknown[]>; result: ResultKind }>;

export type AdapterMethod = keyof typeof ADAPTER_CALLS;
const ADAPTER_METHODS = Object.keys(ADAPTER_CALLS) as AdapterMethod[];

/** The methods that change a provider: a failed hop may have applied them. */
export const WRITE_METHODS: ReadonlySet<AdapterMethod> = new Set([
  'addMember',
  'addMembers',
  'removeMember',
  'removeMembers',
  'replaceMembers',
  'setMemberRole',
  'createMember',
  'updateMember',
  'deleteMember',
  'disconnectMember',
  'removeOrganizationMember',
]);

/** What a method takes and gives, straight from the adapter interface. */
export type MethodArgs<M extends AdapterMethod> = Parameters<NonNullable<ProviderAdapter[M]>>;
export type MethodResult<M extends AdapterMethod> = Awaited<ReturnType<NonNullable<ProviderAdapter[M]>>>;

export interface WireCall {
  method: AdapterMethod;
  args: unknown[];
  /** The request asked for fresh reads (`cache-control: no-cache`): the connector's cache is bypassed for this call. */
  fresh?: boolean;
}

// Calls are checked per call on the connector (one bad call fails alone), so the envelope keeps them loose.
export const invokeRequestSchema = z.object({
  v: z.literal(WIRE_VERSION),
  provider: z.enum(PROVIDER_IDS),
  calls: z
    .array(z.object({ method: z.enum(ADAPTER_METHODS as [AdapterMethod, ...AdapterMethod[]]), args: z.array(z.unknown()), fresh: z.boolean().optional() }))
    .min(1)
    .max(MAX_CALLS_PER_INVOKE),
});
export type InvokeRequest = z.infer<typeof invokeRequestSchema>;

export const serializedErrorSchema = z.object({
  provider: z.enum(PROVIDER_IDS),
  kind: z.enum(PROVIDER_ERROR_KINDS),
  message: z.string(),
  status: z.number().optional(),
  retryAfter: z.number().optional(),
  outcomeUnknown: z.boolean().optional(),
  route: z.string().optional(),
  field: z.string().optional(),
});

/** One upstream attempt the connector's adapter made for a call: replayed to the gateway's observers. */
const callEventSchema = z.object({
  provider: z.enum(PROVIDER_IDS),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  route: z.string(),
  status: z.number().nullable(),
  durationMs: z.number(),
  attempt: z.number(),
  outcome: z.enum(['response', 'network-error', 'timeout', 'circuit-open', 'rate-limited', 'cancelled']),
  cached: z.boolean().optional(),
});

const callResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown(), events: z.array(callEventSchema) }),
  // `error` for a ProviderError; `unexpected` for anything else (a bug), which the gateway masks as inline it would.
  z.object({ ok: z.literal(false), error: serializedErrorSchema.optional(), unexpected: z.string().optional(), events: z.array(callEventSchema) }),
]);
export type CallResult = z.infer<typeof callResultSchema>;

export const invokeResponseSchema = z.union([
  z.object({
    v: z.literal(WIRE_VERSION),
    provider: z.enum(PROVIDER_IDS),
    breaker: z.enum(['closed', 'open', 'half-open']),
    results: z.array(callResultSchema),
  }),
  // The whole batch was refused before any call ran (a malformed payload, a connector without credentials).
  z.object({ v: z.literal(WIRE_VERSION), provider: z.enum(PROVIDER_IDS), failure: serializedErrorSchema }),
]);
export type InvokeResponse = z.infer<typeof invokeResponseSchema>;

type SerializedChange = Omit<MemberChange, 'error'> & { error?: z.infer<typeof serializedErrorSchema> };

function encodeChange(change: MemberChange): SerializedChange {
  return change.error ? { ...change, error: change.error.toJSON() } : change;
}

function decodeChange(change: SerializedChange): MemberChange {
  return change.error ? { ...change, error: ProviderError.fromJSON(change.error) } : (change as MemberChange);
}

/** A method's answer as JSON-safe data (connector side). */
export function encodeResult(kind: ResultKind, value: unknown): unknown {
  switch (kind) {
    case 'entries':
      return (value as unknown[]).map((entry) => (entry instanceof ProviderError ? { error: entry.toJSON() } : { value: entry }));
    case 'change':
      return encodeChange(value as MemberChange);
    case 'changes':
      return (value as MemberChange[]).map(encodeChange);
    case 'void':
      return null;
    case 'page':
    case 'record':
      return value;
  }
}

/** The inverse of encodeResult (gateway side): ProviderErrors are instances again. */
export function decodeResult(kind: ResultKind, value: unknown): unknown {
  switch (kind) {
    case 'entries':
      return (value as Array<{ value?: unknown; error?: z.infer<typeof serializedErrorSchema> }>).map((entry) =>
        entry.error ? ProviderError.fromJSON(entry.error) : entry.value,
      );
    case 'change':
      return decodeChange(value as SerializedChange);
    case 'changes':
      return (value as SerializedChange[]).map(decodeChange);
    case 'void':
      return undefined;
    case 'page':
    case 'record':
      return value;
  }
}
