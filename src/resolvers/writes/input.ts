// Mutation input checked before any upstream call: global ids, member references, list bounds and text fields.
import { ProviderError, type IdRules, type ProviderAdapter, type ProviderId } from '../../providers/types.js';
import type { RequestContext } from '../context.js';
import { invalidOf } from '../errors.js';
import { parseGlobalId, type GroupKey, type MemberKey, type OrganizationKey } from '../ids.js';
import { NotFoundError, ValidationError } from './errors.js';

/** addMembers and removeMembers: enough for a team's worth of changes, small enough to answer within one request. */
export const MAX_MEMBERS_PER_CHANGE = 100;
/** setMembers names the whole set, so it allows whole groups (the native bulk calls take 1,000). */
export const MAX_MEMBERS_PER_SET = 1000;
const MAX_EMAIL_LENGTH = 254;
const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;

export type Path = readonly string[];

/** One member as the client named it: exactly one of the three. */
export interface MemberRefInput {
  userId?: string | null;
  email?: string | null;
  memberId?: string | null;
}

export type GivenKind = 'memberId' | 'userId' | 'email';

/** A checked reference, with where it sits in the input. */
export interface GivenRef {
  kind: GivenKind;
  value: string;
  index: number;
}

/** The provider's id rules, once it is known to be configured here. */
function configured(ctx: RequestContext, provider: ProviderId): IdRules {
  if (!ctx.providers.includes(provider)) throw new NotFoundError(`${provider} is not configured on this gateway`, provider);
  return ctx.registry.adapter(provider).ids;
}

/** Runs an adapter's id validator; its INVALID error becomes a ValidationError at `path`. */
function checked(provider: ProviderId, path: Path, check: () => void): void {
  const invalid = invalidOf(check);
  if (invalid) throw new ValidationError(invalid.message, path, provider);
}

export function groupKeyFrom(ctx: RequestContext, globalId: string, path: Path): GroupKey {
  const node = parsed(() => parseGlobalId(globalId, ['Team', 'UserGroup']), path);
  const key = node.key as GroupKey;
  const ids = configured(ctx, key.provider);
  checked(key.provider, path, () => ids.group(key.groupId));
  return key;
}

export function memberKeyFrom(ctx: RequestContext, globalId: string, path: Path): MemberKey {
  const node = parsed(() => parseGlobalId(globalId, ['Member']), path);
  const key = node.key as MemberKey;
  const ids = configured(ctx, key.provider);
  checked(key.provider, path, () => {
    if (key.groupId !== null) ids.group(key.groupId);
    ids.member(key.memberId);
  });
  return key;
}

export function organizationKeyFrom(ctx: RequestContext, globalId: string, path: Path): OrganizationKey {
  const key = parsed(() => parseGlobalId(globalId, ['Organization']), path).key as OrganizationKey;
  configured(ctx, key.provider);
  return key;
}

function parsed<T>(parse: () => T, path: Path): T {
  try {
    return parse();
  } catch (error) {
    // parseGlobalId's errors are user errors (BAD_USER_INPUT) whose message says what is wrong with the id.
    if (error instanceof Error && !(error instanceof ProviderError)) throw new ValidationError(error.message, path);
    throw error;
  }
}

export function checkBound(length: number, max: number, path: Path, operation: string): void {
  if (length > max) {
    throw new ValidationError(`${operation} takes at most ${max} members per call; got ${length}. Split the change into several calls.`, path);
  }
}

/**
 * Checks every reference: exactly one of userId, email or memberId; ids in the provider's format; e-mails
 * well formed, and only where the provider can find a member by e-mail (natively, or in its organization's list).
 */
export function memberRefsFrom(adapter: ProviderAdapter, refs: readonly MemberRefInput[], path: Path): GivenRef[] {
  const { id: provider, ids } = adapter;
  return refs.map((ref, index) => {
    const at = [...path, String(index)];
    const given = (['userId', 'email', 'memberId'] as const).filter((field) => ref[field] != null);
    if (given.length !== 1) {
      throw new ValidationError(
        `Give exactly one of userId, email or memberId for each member (got ${given.length === 0 ? 'none' : given.join(' and ')})`,
        at,
        provider,
      );
    }
    const kind = given[0] as GivenKind;
    const value = ref[kind] as string;
    const fieldPath = [...at, kind];
    if (kind === 'email') checkEmail(adapter, value, fieldPath);
    else checked(provider, fieldPath, () => (kind === 'userId' ? ids.user(value) : ids.member(value)));
    return { kind, value, index };
  });
}

function checkEmail({ id: provider, capabilities }: ProviderAdapter, email: string, path: Path): void {
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) {
    throw new ValidationError('Invalid email: expected an address such as ada@example.com', path, provider);
  }
  if (!capabilities.writes.refsByEmail && !capabilities.organizationMembers) {
    throw new ValidationError(`${provider} cannot find a member by e-mail through its API: give userId or memberId`, path, provider);
  }
}

/** A required text field: trimmed, non-empty, bounded. The value never appears in the message (it may be a password). */
export function textField(value: string, path: Path, what: string, max: number, trim = true): string {
  const text = trim ? value.trim() : value;
  if (text === '') throw new ValidationError(`${what} must not be empty`, path);
  if (text.length > max) throw new ValidationError(`${what} must be at most ${max} characters long`, path);
  return text;
}
