// What offboarding a person takes, per provider, from what the providers hold for their e-mail: the changes in the order they are made.
import type { MemberRecord, ProviderAdapter, ProviderId } from '../../providers/types.js';
import type { RequestContext } from '../context.js';
import type { PersonFound } from '../people/lookup.js';
import { joinable } from '../people/lookup.js';
import { fromProviderError, UnsupportedOperationError, ValidationError, type MutationError } from './errors.js';
import { MAX_OFFBOARD_CHANGES, type OffboardRequest } from './offboard-input.js';

export type OffboardAction = 'REMOVE_FROM_GROUP' | 'DISCONNECT_SESSIONS' | 'DELETE_MEMBER' | 'REMOVE_FROM_ORGANIZATION';
export type OffboardStatus = 'PLANNED' | 'DONE' | 'ALREADY_DONE' | 'FAILED' | 'UNSUPPORTED';

/** One change of an offboarding: what, where, about which membership, and how it stands. */
export interface OffboardChange {
  provider: ProviderId;
  action: OffboardAction;
  /** Null for an entry about the whole provider (it holds nothing for the address, or could not be read). */
  organizationId: string | null;
  /** REMOVE_FROM_GROUP only: the group; null when the person is in no group of the organization. */
  groupId: string | null;
  /** The membership the change is about, as read before any change; null for an entry about the whole provider. */
  member: MemberRecord | null;
  status: OffboardStatus;
  error: MutationError | null;
}

const OPERATION = 'offboardPerson';

/**
 * The provider's step that ends the organization membership itself: deleting the member where the API deletes
 * members (the member is the membership there), else removing it from the organization.
 */
export function finalAction(adapter: ProviderAdapter): OffboardAction {
  return adapter.capabilities.writes.deleteMember && adapter.deleteMember ? 'DELETE_MEMBER' : 'REMOVE_FROM_ORGANIZATION';
}

function canRemoveFromGroups(adapter: ProviderAdapter): boolean {
  const { writes } = adapter.capabilities;
  return (
    (writes.removeMember && !!adapter.removeMember) ||
    (writes.removeMembersBulk && !!adapter.removeMembers) ||
    (writes.replaceMembers && !!adapter.replaceMembers)
  );
}

/**
 * Every change, provider by provider in the gateway's order; within an organization, in the order they are made:
 * group memberships first, then (per organization member) sessions, then the membership itself. Over
 * MAX_OFFBOARD_CHANGES is refused as a whole before any write.
 */
export function planOffboarding(ctx: RequestContext, request: OffboardRequest, person: PersonFound | null): OffboardChange[] {
  const changes = request.providers.flatMap((provider) => providerPlan(ctx, provider, person));
  if (changes.length > MAX_OFFBOARD_CHANGES) {
    throw new ValidationError(
      `Offboarding this person takes ${changes.length} changes, more than one call makes (${MAX_OFFBOARD_CHANGES}): name fewer providers in \`providers\` and run it once for each`,
      ['input', 'providers'],
    );
  }
  return changes;
}

function providerPlan(ctx: RequestContext, provider: ProviderId, person: PersonFound | null): OffboardChange[] {
  const adapter = ctx.registry.adapter(provider);
  const whole = (status: OffboardStatus, action: OffboardAction, error: MutationError | null): OffboardChange => ({
    provider,
    action,
    organizationId: null,
    groupId: null,
    member: null,
    status,
    error,
  });
  if (!joinable(ctx, provider)) {
    const why = `${adapter.name}'s members carry no e-mail address, so this person's ${adapter.name} memberships cannot be found: remove them in ${adapter.name} itself`;
    return [whole('UNSUPPORTED', 'REMOVE_FROM_GROUP', new UnsupportedOperationError(why, provider, OPERATION))];
  }
  const memberships = (person?.memberships ?? []).filter((m) => m.provider === provider);
  const failure = person?.failures.find((f) => f.provider === provider);
  const changes = organizationsOf(memberships).flatMap((records) => organizationPlan(adapter, records));
  // A provider that could not be read (wholly or in one organization) may hold more: said once, with its error.
  if (failure) changes.push(whole('FAILED', finalAction(adapter), fromProviderError(failure.error, { operation: OPERATION, path: ['input'] })));
  // Nothing held for the address (any more): what offboarding would do there already holds.
  if (changes.length === 0) changes.push(whole('ALREADY_DONE', finalAction(adapter), null));
  return changes;
}

/** Memberships by organization, in the order the lookup found them. */
function organizationsOf(memberships: readonly MemberRecord[]): MemberRecord[][] {
  const byOrganization = new Map<string, MemberRecord[]>();
  for (const m of memberships) {
    const list = byOrganization.get(m.organizationId);
    if (list) list.push(m);
    else byOrganization.set(m.organizationId, [m]);
  }
  return [...byOrganization.values()];
}

function organizationPlan(adapter: ProviderAdapter, records: readonly MemberRecord[]): OffboardChange[] {
  const provider = adapter.id;
  const own = records.filter((m) => m.groupId === null);
  const seen = new Set<string>();
  // A membership named twice (two records of one member in one group) is one change.
  const inGroups = records.filter((m) => {
    const key = JSON.stringify([m.groupId, m.memberId]);
    if (m.groupId === null || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const change = (action: OffboardAction, member: MemberRecord, status: OffboardStatus, error: MutationError | null = null): OffboardChange => ({
    provider,
    action,
    organizationId: member.organizationId,
    groupId: action === 'REMOVE_FROM_GROUP' ? member.groupId : null,
    member,
    status,
    error,
  });
  const changes: OffboardChange[] = [];
  const groupsRemovable = canRemoveFromGroups(adapter);
  for (const m of inGroups) {
    const error = groupsRemovable
      ? null
      : new UnsupportedOperationError(`${adapter.name} cannot remove members from groups through its API`, provider, OPERATION);
    changes.push(change('REMOVE_FROM_GROUP', m, groupsRemovable ? 'PLANNED' : 'UNSUPPORTED', error));
  }
  // In no group: the group removals a second run finds already made, said as one entry with no group.
  if (inGroups.length === 0 && own[0]) changes.push({ ...change('REMOVE_FROM_GROUP', own[0], 'ALREADY_DONE'), groupId: null });
  const { writes } = adapter.capabilities;
  for (const m of own) {
    if (writes.disconnectMember && adapter.disconnectMember) changes.push(change('DISCONNECT_SESSIONS', m, 'PLANNED'));
    if (finalAction(adapter) === 'DELETE_MEMBER') changes.push(change('DELETE_MEMBER', m, 'PLANNED'));
    else if (writes.removeOrganizationMember && adapter.removeOrganizationMember) changes.push(change('REMOVE_FROM_ORGANIZATION', m, 'PLANNED'));
    else {
      const why =
        `${adapter.name}'s API documents no call that removes a member from the organization: the person stays an organization ` +
        `member (with no group left) until removed in ${adapter.name} itself`;
      changes.push(change('REMOVE_FROM_ORGANIZATION', m, 'UNSUPPORTED', new UnsupportedOperationError(why, provider, OPERATION)));
    }
  }
  return changes;
}
