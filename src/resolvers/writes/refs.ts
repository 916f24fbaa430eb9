// Member references to what the provider's membership calls take: ids as they are, or looked up in the organization's members.
import type { IdRules, MemberRecord, MemberRef, ProviderAdapter } from '../../providers/types.js';
import { NotFoundError, ValidationError, type MutationError } from './errors.js';
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
  /** Later references of the same change to the same member, collapsed into this one (see duplicates.ts). */
  also?: GivenRef[];
  target: Target | null;
  error: MutationError | null;
}

/** A key under which two ids of one provider are the same object. */
export function idKey(ids: IdRules, id: string): string {
  return ids.ignoreCase ? id.toLowerCase() : id;
}

export function targetOf(ids: IdRules, ref: MemberRef): Target {
  return 'memberId' in ref ? { key: `id:${idKey(ids, ref.memberId)}`, ref } : { key: `email:${ref.email.toLowerCase()}`, ref };
}

/** What needs no lookup: a memberId, a userId where it is the member id, an e-mail where the API takes e-mails. */
function direct(adapter: ProviderAdapter, given: GivenRef): MemberRef | null {
  if (given.kind === 'memberId') return { memberId: given.value };
  if (given.kind === 'userId' && adapter.ids.memberIdIsUserId) return { memberId: given.value };
  if (given.kind === 'email' && adapter.capabilities.writes.refsByEmail) return { email: given.value };
  return null;
}

/**
 * Resolves every reference. The ones that need a lookup (an e-mail where the membership calls take none, a
 * Cloudflare user id) are found in one walk over the organization's members, which stops once all are found.
 */
export async function resolveRefs(adapter: ProviderAdapter, organizationId: string, refs: readonly GivenRef[]): Promise<Resolved[]> {
  const { id: provider, ids } = adapter;
  const alsoById = emailsBesideIds(adapter, refs);
  const wanted = (given: GivenRef) => direct(adapter, given) === null || (alsoById && given.kind === 'email');
  const lookups = refs.filter(wanted);
  const found = lookups.length > 0 ? await lookUp(adapter, organizationId, lookups) : new Map<string, string>();
  return refs.map((given) => {
    const memberId = wanted(given) ? found.get(lookupKey(ids, given)) : undefined;
    if (memberId !== undefined) return { given, target: targetOf(ids, { memberId }), error: null };
    // An e-mail the API takes natively stays an e-mail when the lookup did not find it: the provider decides.
    const ref = direct(adapter, given);
    if (ref) return { given, target: targetOf(ids, ref), error: null };
    const what = given.kind === 'email' ? `e-mail ${given.value}` : `user id ${given.value}`;
    return { given, target: null, error: new NotFoundError(`No member of this ${adapter.name} organization has ${what}`, provider) };
  });
}

/**
 * Where the API takes e-mails natively (GitBook), an e-mail and an id of one member would be two targets: the
 * member changed by both and counted twice. So when a change names members both ways, its e-mails are looked up
 * too (in the organization's members, 1,000 a page on GitBook), and an e-mail found becomes that member's id.
 * A change by e-mails alone, or by ids alone, needs no lookup.
 */
function emailsBesideIds(adapter: ProviderAdapter, refs: readonly GivenRef[]): boolean {
  const { refsByEmail } = adapter.capabilities.writes;
  if (!refsByEmail || !adapter.capabilities.organizationMembers) return false;
  return refs.some((given) => given.kind === 'email') && refs.some((given) => given.kind !== 'email');
}

function lookupKey(ids: IdRules, given: GivenRef): string {
  return given.kind === 'email' ? `email:${given.value.toLowerCase()}` : `user:${idKey(ids, given.value)}`;
}

function recordKeys(ids: IdRules, member: MemberRecord): string[] {
  const keys: string[] = [];
  if (member.email) keys.push(`email:${member.email.toLowerCase()}`);
  if (member.userId) keys.push(`user:${idKey(ids, member.userId)}`);
  return keys;
}

/** Wanted lookup keys to member ids, from the organization's member list. */
async function lookUp(adapter: ProviderAdapter, organizationId: string, lookups: readonly GivenRef[]): Promise<Map<string, string>> {
  const { id: provider, ids } = adapter;
  const wanted = new Set(lookups.map((given) => lookupKey(ids, given)));
  const found = new Map<string, string>();
  let token: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages >= MAX_LOOKUP_PAGES) {
      throw new ValidationError(`The organization has too many members to look references up in one request: give memberId`, ['input'], provider);
    }
    const page = await adapter.listOrganizationMembers(organizationId, { after: token, size: adapter.capabilities.maxPageSize });
    for (const member of page.items) {
      for (const key of recordKeys(ids, member)) if (wanted.has(key) && !found.has(key)) found.set(key, member.memberId);
    }
    token = page.next;
    if (token === null || found.size === wanted.size) return found;
  }
}
