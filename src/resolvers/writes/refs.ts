// Member references to what the provider's membership calls take: ids as they are, or looked up in the organization's members.
import type { MemberRecord, MemberRef, ProviderAdapter, ProviderId } from '../../providers/types.js';
import { NotFoundError, ValidationError, type MutationError } from './errors.js';
import { ID_RULES, idKey } from './id-formats.js';
import type { GivenRef } from './input.js';

/** Pages of an organization's members one lookup may read (Cloudflare serves 50 a page: 10,000 members). */
const MAX_LOOKUP_PAGES = 200;

/** One distinct member a change is about. */
export interface Target {
  /** Equal for two references to the same member, so each member is changed once. */
  key: string;
  ref: MemberRef;
}

/** A reference as given, and the member it names, or why it names none. */
export interface Resolved {
  given: GivenRef;
  target: Target | null;
  error: MutationError | null;
}

export function targetOf(provider: ProviderId, ref: MemberRef): Target {
  return 'memberId' in ref ? { key: `id:${idKey(provider, ref.memberId)}`, ref } : { key: `email:${ref.email.toLowerCase()}`, ref };
}

/** What needs no lookup: a memberId, a userId where it is the member id, an e-mail where the API takes e-mails. */
function direct(adapter: ProviderAdapter, given: GivenRef): MemberRef | null {
  if (given.kind === 'memberId') return { memberId: given.value };
  if (given.kind === 'userId' && ID_RULES[adapter.id].memberIdIsUserId) return { memberId: given.value };
  if (given.kind === 'email' && adapter.capabilities.writes.refsByEmail) return { email: given.value };
  return null;
}

/**
 * Resolves every reference. The ones that need a lookup (an e-mail where the membership calls take none, a
 * Cloudflare user id) are found in one walk over the organization's members, which stops once all are found.
 */
export async function resolveRefs(adapter: ProviderAdapter, organizationId: string, refs: readonly GivenRef[]): Promise<Resolved[]> {
  const provider = adapter.id;
  const lookups = refs.filter((given) => direct(adapter, given) === null);
  const found = lookups.length > 0 ? await lookUp(adapter, organizationId, lookups) : new Map<string, string>();
  return refs.map((given) => {
    const ref = direct(adapter, given);
    if (ref) return { given, target: targetOf(provider, ref), error: null };
    const memberId = found.get(lookupKey(provider, given));
    if (memberId !== undefined) return { given, target: targetOf(provider, { memberId }), error: null };
    const what = given.kind === 'email' ? `e-mail ${given.value}` : `user id ${given.value}`;
    return { given, target: null, error: new NotFoundError(`No member of this ${adapter.name} organization has ${what}`, provider) };
  });
}

function lookupKey(provider: ProviderId, given: GivenRef): string {
  return given.kind === 'email' ? `email:${given.value.toLowerCase()}` : `user:${idKey(provider, given.value)}`;
}

function recordKeys(provider: ProviderId, member: MemberRecord): string[] {
  const keys: string[] = [];
  if (member.email) keys.push(`email:${member.email.toLowerCase()}`);
  if (member.userId) keys.push(`user:${idKey(provider, member.userId)}`);
  return keys;
}

/** Wanted lookup keys to member ids, from the organization's member list. */
async function lookUp(adapter: ProviderAdapter, organizationId: string, lookups: readonly GivenRef[]): Promise<Map<string, string>> {
  const provider = adapter.id;
  const wanted = new Set(lookups.map((given) => lookupKey(provider, given)));
  const found = new Map<string, string>();
  let token: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages >= MAX_LOOKUP_PAGES) {
      throw new ValidationError(`The organization has too many members to look references up in one request: give memberId`, ['input'], provider);
    }
    const page = await adapter.listOrganizationMembers(organizationId, { after: token, size: adapter.capabilities.maxPageSize });
    for (const member of page.items) {
      for (const key of recordKeys(provider, member)) if (wanted.has(key) && !found.has(key)) found.set(key, member.memberId);
    }
    token = page.next;
    if (token === null || found.size === wanted.size) return found;
  }
}
