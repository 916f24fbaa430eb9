// A member's own lifecycle in an organization: createMember, updateMember, deleteMember and disconnectMember (GoodAccess has them).
import { ProviderError, type MemberRecord, type MemberUpdateInput, type ProviderAdapter } from '../../providers/types.js';
import type { RequestContext } from '../context.js';
import type { MemberKey } from '../ids.js';
import { UnsupportedOperationError, ValidationError } from './errors.js';
import { memberKeyFrom, organizationKeyFrom, textField } from './input.js';
import type { DeletedMemberResult, MemberResult } from './payloads.js';
import { mutate } from './run-mutation.js';

const MAX_NAME_LENGTH = 200;
const MAX_PASSWORD_LENGTH = 1024;
const MAX_LOOKUP_PAGES = 200;

/** Every field is optional at the GraphQL level (see schema/mutations/members.ts): required ones are checked here. */
export interface CreateMemberInput {
  organizationId: string | number | null;
  name: string | null;
  /** Write-only: sent to the provider and nowhere else (no payload, error, log or trace holds it). */
  password: string | null;
}

export interface UpdateMemberInput {
  memberId: string | number | null;
  name?: string | null;
  password?: string | null;
}

function required<T>(value: T | null | undefined, path: string[], what: string): T {
  if (value === null || value === undefined) throw new ValidationError(`${what} is required`, path);
  return value;
}

export interface MemberIdInput {
  memberId: string;
}

type Writes = ProviderAdapter['capabilities']['writes'];

function adapterFor(ctx: RequestContext, provider: MemberKey['provider'], operation: keyof Writes & string, why: string): ProviderAdapter {
  const adapter = ctx.registry.adapter(provider);
  if (!adapter.capabilities.writes[operation] || !adapter[operation as keyof ProviderAdapter]) {
    throw new UnsupportedOperationError(`${adapter.name} ${why}`, provider, operation);
  }
  return adapter;
}

const password = (value: string, path: string[]) => textField(value, path, 'password', MAX_PASSWORD_LENGTH, false);

export function createMember(ctx: RequestContext, input: CreateMemberInput): Promise<MemberResult> {
  return mutate(ctx, 'createMember', async () => {
    const orgId = String(required(input.organizationId, ['input', 'organizationId'], 'organizationId'));
    const org = organizationKeyFrom(ctx, orgId, ['input', 'organizationId']);
    const adapter = adapterFor(ctx, org.provider, 'createMember', 'cannot create members through its API');
    const create = adapter.createMember?.bind(adapter);
    if (!create) throw new Error('createMember checked above');
    const fields = {
      name: textField(required(input.name, ['input', 'name'], 'name'), ['input', 'name'], 'name', MAX_NAME_LENGTH),
      password: password(required(input.password, ['input', 'password'], 'password'), ['input', 'password']),
    };
    let record: MemberRecord;
    try {
      record = await create(org.organizationId, fields);
    } catch (error) {
      // A create is never resent blindly (a repeat could make a second member): look for it first.
      if (!(error instanceof ProviderError) || !error.outcomeUnknown) throw error;
      record = (await findByName(adapter, org.organizationId, fields.name)) ?? (await create(org.organizationId, fields));
    }
    return { key: { provider: org.provider, organizationId: org.organizationId, groupId: null, memberId: record.memberId }, record };
  });
}

/** [infer] GoodAccess refuses a second member with a taken name (409), so a name finds the member a timed-out create made. */
async function findByName(adapter: ProviderAdapter, organizationId: string, name: string): Promise<MemberRecord | null> {
  let token: string | null = null;
  for (let pages = 0; pages < MAX_LOOKUP_PAGES; pages++) {
    const page = await adapter.listOrganizationMembers(organizationId, { after: token, size: adapter.capabilities.maxPageSize });
    const found = page.items.find((m) => m.displayName === name || m.username === name);
    if (found) return found;
    if (page.next === null) return null;
    token = page.next;
  }
  return null;
}

export function updateMember(ctx: RequestContext, input: UpdateMemberInput): Promise<MemberResult> {
  return mutate(ctx, 'updateMember', async () => {
    const key = memberKeyFrom(ctx, String(required(input.memberId, ['input', 'memberId'], 'memberId')), ['input', 'memberId']);
    const adapter = adapterFor(ctx, key.provider, 'updateMember', 'cannot update members through its API');
    const fields: MemberUpdateInput = {};
    if (input.name != null) fields.name = textField(input.name, ['input', 'name'], 'name', MAX_NAME_LENGTH);
    if (input.password != null) fields.password = password(input.password, ['input', 'password']);
    if (fields.name === undefined && fields.password === undefined) {
      throw new ValidationError('Nothing to update: give a name, a password or both', ['input'], key.provider);
    }
    const record = await (adapter.updateMember as NonNullable<ProviderAdapter['updateMember']>)(key.organizationId, key.memberId, fields);
    return { key: { ...key, groupId: null }, record };
  });
}

export function deleteMember(ctx: RequestContext, input: MemberIdInput): Promise<DeletedMemberResult> {
  return mutate(ctx, 'deleteMember', async () => {
    const key = memberKeyFrom(ctx, input.memberId, ['input', 'memberId']);
    const adapter = adapterFor(ctx, key.provider, 'deleteMember', 'cannot delete members through its API');
    const remove = () => (adapter.deleteMember as NonNullable<ProviderAdapter['deleteMember']>)(key.organizationId, key.memberId);
    try {
      await remove();
    } catch (error) {
      // A DELETE that timed out may have been applied; a resent one would then say NOT_FOUND. Read first.
      if (!(error instanceof ProviderError) || !error.outcomeUnknown) throw error;
      const [entry] = await adapter.getOrganizationMembers(key.organizationId, [key.memberId]);
      const gone = entry instanceof ProviderError && entry.kind === 'NOT_FOUND';
      if (!gone) await remove();
    }
    return { organization: { provider: key.provider, organizationId: key.organizationId }, deletedMemberId: input.memberId };
  });
}

export function disconnectMember(ctx: RequestContext, input: MemberIdInput): Promise<MemberResult> {
  return mutate(ctx, 'disconnectMember', async () => {
    const key = memberKeyFrom(ctx, input.memberId, ['input', 'memberId']);
    const adapter = adapterFor(ctx, key.provider, 'disconnectMember', 'has no sessions to end through its API (only GoodAccess does)');
    await (adapter.disconnectMember as NonNullable<ProviderAdapter['disconnectMember']>)(key.organizationId, key.memberId);
    return { key: { ...key, groupId: null }, record: null };
  });
}
