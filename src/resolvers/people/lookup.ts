// One person across every provider: the members that share an e-mail address, found with one walk of each member list per request.
import { ProviderError, type MemberRecord, type ProviderId } from '../../providers/types.js';
import type { ReadContext } from '../read-context.js';
import { groupIndex, organizationIndex, organizationsOf } from './directory.js';
import { personEmail } from './email.js';

/** A person as the providers know them: every membership under one e-mail address, and which providers could not be read. */
export interface PersonFound {
  /** The e-mail address, normalised: trimmed and lower-cased. */
  email: string;
  /** The first name a provider shows for them (organization-level records first, in provider order); null where none has one. */
  displayName: string | null;
  /** The providers that hold at least one of their memberships, in the gateway's provider order. */
  providers: ProviderId[];
  /**
   * Every membership: for each provider (in order) and organization (in list order), the organization-level
   * records, then the group-level ones (groupId set). Each a MemberRecord, as the member lists give it.
   */
  memberships: MemberRecord[];
  /** Providers that could not be read (the person may have memberships there that are missing above). */
  failures: Array<{ provider: ProviderId; error: ProviderError }>;
  /**
   * Providers whose members carry no e-mail (no list of organization members to read one from): none of their
   * members is anyone by this rule, so they were not read.
   */
  unjoined: ProviderId[];
}

/** What one provider holds for an address: its memberships, or the error that stopped its read (with what was found before it). */
interface ProviderPart {
  provider: ProviderId;
  memberships: MemberRecord[];
  error: ProviderError | null;
}

/**
 * Whether a provider's members can be joined by e-mail: only where the API lists an organization's own members,
 * the records that carry the e-mail (a group member is always an organization member there). Elsewhere (Bird) the
 * records carry no e-mail at all.
 */
export function joinable(ctx: ReadContext, provider: ProviderId): boolean {
  return ctx.registry.capabilities(provider).organizationMembers;
}

/** The providers a lookup reads: the configured ones, in order, limited to `only` when given. */
export function providersToRead(ctx: ReadContext, only?: readonly ProviderId[] | null): ProviderId[] {
  return ctx.providers.filter((p) => !only || only.includes(p));
}

/**
 * The person with this e-mail address (compared trimmed and case-insensitively) in every provider, or in
 * `providers` only: null when no provider holds it and none failed. A malformed address is BAD_USER_INPUT before
 * any call. Costs, per request and however often it is called: one walk of each provider's organization list and
 * of each organization's member list; then, only in the organizations that hold the person, their group
 * memberships from their own records where those list groups (Checkmarx: no call), else one walk of the group
 * list and of each group's member list.
 */
export async function findPerson(context: ReadContext, email: string, providers?: readonly ProviderId[]): Promise<PersonFound | null> {
  const normal = personEmail(email);
  const wanted = providersToRead(context, providers);
  const unjoined = wanted.filter((p) => !joinable(context, p));
  const parts = await Promise.all(wanted.filter((p) => joinable(context, p)).map((p) => personIn(context, p, normal)));
  const memberships = parts.flatMap((part) => part.memberships);
  const failures = parts.flatMap((part) => (part.error ? [{ provider: part.provider, error: part.error }] : []));
  if (memberships.length === 0 && failures.length === 0) return null;
  return {
    email: normal,
    displayName: memberships.find((m) => m.groupId === null && m.displayName)?.displayName ?? memberships.find((m) => m.displayName)?.displayName ?? null,
    providers: parts.filter((part) => part.memberships.length > 0).map((part) => part.provider),
    memberships,
    failures,
    unjoined,
  };
}

/**
 * One provider's memberships of an address. A provider error ends its part with what the other organizations
 * gave (the first error is the part's); anything else is a bug and is thrown.
 */
async function personIn(ctx: ReadContext, provider: ProviderId, email: string): Promise<ProviderPart> {
  let organizations: Array<{ id: string }>;
  try {
    organizations = await organizationsOf(ctx, provider);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { provider, memberships: [], error };
  }
  const settled = await Promise.allSettled(organizations.map((org) => inOrganization(ctx, provider, org.id, email)));
  const memberships: MemberRecord[] = [];
  let failure: ProviderError | null = null;
  for (const result of settled) {
    if (result.status === 'fulfilled') memberships.push(...result.value);
    else if (result.reason instanceof ProviderError) failure ??= result.reason;
    else throw result.reason;
  }
  return { provider, memberships, error: failure };
}

async function inOrganization(ctx: ReadContext, provider: ProviderId, organizationId: string, email: string): Promise<MemberRecord[]> {
  const own = (await organizationIndex(ctx, provider, organizationId)).get(email) ?? [];
  // Not a member of the organization: of none of its groups either (each provider's groups take organization members only).
  if (own.length === 0) return [];
  // Records that list their groups (Checkmarx users' teamIds) give the group memberships with no call.
  if (own.every((m) => m.groupIds !== null)) {
    return [...own, ...own.flatMap((m) => (m.groupIds ?? []).map((groupId) => ({ ...m, groupId })))];
  }
  const inGroups = (await groupIndex(ctx, provider, organizationId)).get(email) ?? [];
  return [...own, ...inGroups];
}
