// Makes an offboarding's planned changes: providers side by side, each in order (groups, then sessions, then the membership), stopping a provider on a provider-wide failure.
import type { MemberChange, ProviderAdapter, ProviderId } from '../../providers/types.js';
import type { RequestContext } from '../context.js';
import { encodeGlobalId, localId } from '../ids.js';
import { runBounded } from './bounded.js';
import { NotFoundError, type ErrorSite, type MutationError } from './errors.js';
import { deleteMember, disconnectMember } from './member-lifecycle.js';
import { withReservedCalls } from './run-mutation.js';
import type { OffboardChange } from './offboard-plan.js';
import { targetOf } from './refs.js';
import { removeOne } from './singles.js';
import { removeTargets } from './strategy.js';
import { failure, fromChange, haltsOn, isProviderWide, type Outcome } from './target-outcomes.js';

const SITE: ErrorSite = { operation: 'offboardPerson', path: ['input'] };

/** The changes with their outcomes, in the same order. Only PLANNED changes are sent; the others stand as planned. */
export async function applyOffboarding(ctx: RequestContext, changes: readonly OffboardChange[]): Promise<OffboardChange[]> {
  const out = [...changes];
  const providers = [...new Set(changes.map((c) => c.provider))];
  // Providers are independent: one failing leaves the others' changes made.
  await Promise.all(
    providers.map(async (provider) => {
      const indices = changes.flatMap((c, i) => (c.provider === provider && c.status === 'PLANNED' ? [i] : []));
      const applied = await applyProvider(
        ctx,
        provider,
        indices.map((i) => changes[i] as OffboardChange),
      );
      indices.forEach((i, k) => {
        out[i] = applied[k] as OffboardChange;
      });
    }),
  );
  return out;
}

/**
 * One provider's planned changes, on calls reserved in its shared rate budget where there is one (all or none: a
 * budget that cannot hold them fails them all, unsent), in phases: every group membership (at most
 * writeConcurrency at once), then the sessions, then the organization memberships. A failure of the provider as a
 * whole (rate limit, outage, refused credentials) stops it: what was not sent is FAILED with that error. A failure
 * about one membership stops nothing, since the later steps still take access away.
 */
async function applyProvider(ctx: RequestContext, provider: ProviderId, planned: readonly OffboardChange[]): Promise<OffboardChange[]> {
  const shared = ctx.shared;
  const reserve = shared ? (calls: number) => shared.reserve(provider, calls) : undefined;
  // One call per change, and one more per group removal (the read a single remove may make: Checkmarx reads the team
  // first, others read on a 404), set aside before the first is sent so the budget never stops the provider half-way.
  const calls = planned.length + planned.filter((c) => c.action === 'REMOVE_FROM_GROUP').length;
  try {
    return await withReservedCalls(reserve, calls, () => applyInOrder(ctx, provider, planned));
  } catch (error) {
    // The budget could not hold them (RATE_LIMITED): nothing was sent to this provider.
    const outcome = failure(error, SITE);
    return planned.map((change) => settled(change, outcome));
  }
}

async function applyInOrder(ctx: RequestContext, provider: ProviderId, planned: readonly OffboardChange[]): Promise<OffboardChange[]> {
  const adapter = ctx.registry.adapter(provider);
  const result = [...planned];
  const settle = (i: number, outcome: Outcome) => {
    result[i] = settled(planned[i] as OffboardChange, outcome);
  };
  const phase = (actions: readonly OffboardChange['action'][]) => planned.flatMap((c, i) => (actions.includes(c.action) ? [i] : []));

  const groups = phase(['REMOVE_FROM_GROUP']);
  const outcomes = await runBounded(
    groups,
    ctx.writeConcurrency,
    (i) => removeFromGroup(adapter, planned[i] as OffboardChange),
    haltsOn,
    (_i, cause): Outcome => ({ status: 'FAILED', error: cause as MutationError }),
  );
  groups.forEach((i, k) => settle(i, outcomes[k] as Outcome));
  let stop: MutationError | null = outcomes.map(haltsOn).find((cause) => cause !== null) ?? null;

  for (const i of [...phase(['DISCONNECT_SESSIONS']), ...phase(['DELETE_MEMBER', 'REMOVE_FROM_ORGANIZATION'])]) {
    if (stop) {
      settle(i, { status: 'FAILED', error: stop });
      continue;
    }
    const outcome = await organizationStep(ctx, adapter, planned[i] as OffboardChange);
    settle(i, outcome);
    if (outcome.status === 'FAILED' && isProviderWide(outcome.error)) stop = outcome.error;
  }
  return result;
}

/**
 * The outcome as the payload says it. NOT_FOUND on a removal means what it removes is gone (the group, the member,
 * the organization): the person has no such access, so it is ALREADY_DONE rather than a failure.
 */
function settled(change: OffboardChange, outcome: Outcome): OffboardChange {
  if (outcome.status === 'FAILED' && outcome.error instanceof NotFoundError) return { ...change, status: 'ALREADY_DONE', error: null };
  if (outcome.status === 'FAILED') return { ...change, status: 'FAILED', error: outcome.error ?? null };
  const done = outcome.status === 'REMOVED' || outcome.status === 'ADDED';
  return { ...change, status: done ? 'DONE' : 'ALREADY_DONE', error: null };
}

/** One group membership, with the group machinery: a single remove where the API has one (one call), else its strategy. */
async function removeFromGroup(adapter: ProviderAdapter, change: OffboardChange): Promise<Outcome> {
  const { member, groupId } = change;
  if (!member || groupId === null) throw new Error('a planned group removal names its membership');
  const group = { organizationId: member.organizationId, groupId };
  const target = targetOf(adapter.ids, { memberId: member.memberId });
  try {
    if (adapter.capabilities.writes.removeMember && adapter.removeMember) return fromChange(await removeOne(adapter, group, target.ref), SITE);
    const outcomes = await removeTargets({ adapter, group, concurrency: 1, site: SITE }, [target]);
    const outcome = outcomes.get(target.key);
    if (!outcome) throw new Error('the remove strategy reports every target');
    return outcome;
  } catch (error) {
    return failure(error, SITE);
  }
}

/** Sessions, member deletion (member-lifecycle: a timed-out delete is read before it is resent) or removal from the organization. */
async function organizationStep(ctx: RequestContext, adapter: ProviderAdapter, change: OffboardChange): Promise<Outcome> {
  const { member } = change;
  if (!member) throw new Error('a planned organization step names its member');
  const key = { provider: member.provider, organizationId: member.organizationId, groupId: null, memberId: member.memberId };
  const memberId = encodeGlobalId('Member', localId({ type: 'Member', key }));
  try {
    if (change.action === 'DISCONNECT_SESSIONS') {
      await disconnectMember(ctx, { memberId });
      return { status: 'REMOVED' };
    }
    if (change.action === 'DELETE_MEMBER') {
      await deleteMember(ctx, { memberId });
      return { status: 'REMOVED' };
    }
    const remove = adapter.removeOrganizationMember?.bind(adapter);
    if (!remove) throw new Error('REMOVE_FROM_ORGANIZATION is planned only where the adapter has removeOrganizationMember');
    const removed: MemberChange = await remove(member.organizationId, member.memberId);
    return fromChange(removed, SITE);
  } catch (error) {
    return failure(error, SITE);
  }
}
