// Who is in a group: the addMembers, removeMembers, setMembers and setMemberRole mutations, over every provider.
import type { MemberRole, ProviderAdapter } from '../../providers/types.js';
import type { RequestContext } from '../context.js';
import type { GroupKey } from '../ids.js';
import { UnsupportedOperationError, ValidationError } from './errors.js';
import {
  checkBound,
  groupKeyFrom,
  MAX_MEMBERS_PER_CHANGE,
  MAX_MEMBERS_PER_SET,
  memberKeyFrom,
  memberRefsFrom,
  type GivenRef,
  type MemberRefInput,
} from './input.js';
import { collapse } from './duplicates.js';
import { readGroupMembers, type Planner } from './group-change.js';
import { droppedEntry, entriesFor, settle, type ChangeEntry, type GroupChangeResult, type MemberResult } from './payloads.js';
import { idKey, resolveRefs, targetOf, type Resolved, type Target } from './refs.js';
import { mutate } from './run-mutation.js';
import { addTargets, removeTargets } from './strategy.js';
import { isProviderWide, merge, type Outcome, type Outcomes } from './target-outcomes.js';

export interface AddMembersInput {
  groupId: string;
  members: readonly MemberRefInput[];
  role?: MemberRole | null;
}

export interface RemoveMembersInput {
  groupId: string;
  memberIds: readonly string[];
}

export interface SetMembersInput {
  groupId: string;
  members: readonly MemberRefInput[];
}

export interface SetMemberRoleInput {
  memberId: string;
  role: MemberRole;
}

const MEMBERS_PATH = ['input', 'members'];

function unsupported(adapter: ProviderAdapter, operation: string, why: string): UnsupportedOperationError {
  return new UnsupportedOperationError(`${adapter.name} ${why}`, adapter.id, operation);
}

function planner(ctx: RequestContext, adapter: ProviderAdapter, group: GroupKey, operation: string): Planner {
  return {
    adapter,
    group: { organizationId: group.organizationId, groupId: group.groupId },
    concurrency: ctx.writeConcurrency,
    site: { operation, path: MEMBERS_PATH },
    ...(ctx.shared ? { reserve: (calls: number) => ctx.shared?.reserve(adapter.id, calls) ?? Promise.resolve(null) } : {}),
  };
}

/**
 * The references of a change, resolved and collapsed to one per distinct member (the rule: duplicates.ts), before
 * any write: so each member is sent once, and reported and counted once.
 */
async function distinctMembers(adapter: ProviderAdapter, group: GroupKey, given: readonly GivenRef[]): Promise<Resolved[]> {
  return collapse(adapter.ids, await resolveRefs(adapter, group.organizationId, given));
}

/** The members to change: after collapse(), one target per entry, in first-seen order. */
function targetsOf(resolved: readonly Resolved[]): Target[] {
  return resolved.flatMap((r) => (r.target ? [r.target] : []));
}

export function addMembers(ctx: RequestContext, input: AddMembersInput): Promise<GroupChangeResult> {
  return mutate(
    ctx,
    'addMembers',
    async () => {
      const group = groupKeyFrom(ctx, input.groupId, ['input', 'groupId']);
      const adapter = ctx.registry.adapter(group.provider);
      const { writes, memberRoles } = adapter.capabilities;
      if (!writes.addMember && !writes.addMembersBulk) throw unsupported(adapter, 'addMembers', 'cannot add members through its API');
      if (input.role === 'OWNER' && !memberRoles) throw unsupported(adapter, 'addMembers', 'groups have no owner role: leave role out or give MEMBER');
      checkBound(input.members.length, MAX_MEMBERS_PER_CHANGE, MEMBERS_PATH, 'addMembers');
      const resolved = await distinctMembers(adapter, group, memberRefsFrom(adapter, input.members, MEMBERS_PATH));
      // Where groups have no roles everyone is a plain member, so MEMBER asks for nothing more.
      const role = memberRoles ? (input.role ?? undefined) : undefined;
      const outcomes = await addTargets(planner(ctx, adapter, group, 'addMembers'), targetsOf(resolved), role);
      return settle({ group, changes: entriesFor(group, resolved, outcomes) }, outcomes);
    },
    MEMBERS_PATH,
  );
}

export function removeMembers(ctx: RequestContext, input: RemoveMembersInput): Promise<GroupChangeResult> {
  return mutate(
    ctx,
    'removeMembers',
    async () => {
      const group = groupKeyFrom(ctx, input.groupId, ['input', 'groupId']);
      const adapter = ctx.registry.adapter(group.provider);
      const { writes } = adapter.capabilities;
      if (!writes.removeMember && !writes.removeMembersBulk && !writes.replaceMembers) {
        throw unsupported(adapter, 'removeMembers', 'cannot remove members through its API');
      }
      checkBound(input.memberIds.length, MAX_MEMBERS_PER_CHANGE, ['input', 'memberIds'], 'removeMembers');
      const given = input.memberIds.map((id, index) => memberOfGroup(ctx, group, id, index));
      const resolved = await distinctMembers(adapter, group, given);
      const p = { ...planner(ctx, adapter, group, 'removeMembers'), site: { operation: 'removeMembers', path: ['input', 'memberIds'] } };
      const outcomes = await removeTargets(p, targetsOf(resolved));
      return settle({ group, changes: entriesFor(group, resolved, outcomes, ['input', 'memberIds']) }, outcomes);
    },
    ['input', 'memberIds'],
  );
}

/** A Member id to remove: of this group's provider and organization, read from this group or from the organization. */
function memberOfGroup(ctx: RequestContext, group: GroupKey, globalId: string, index: number): GivenRef {
  const path = ['input', 'memberIds', String(index)];
  const key = memberKeyFrom(ctx, globalId, path);
  const { ids } = ctx.registry.adapter(group.provider);
  const sameGroup = key.groupId === null || idKey(ids, key.groupId) === idKey(ids, group.groupId);
  if (key.provider !== group.provider || key.organizationId !== group.organizationId || !sameGroup) {
    throw new ValidationError('This member id belongs to another group: give ids read from this group (or from its organization)', path, key.provider);
  }
  return { kind: 'memberId', value: key.memberId, index };
}

export function setMembers(ctx: RequestContext, input: SetMembersInput): Promise<GroupChangeResult> {
  return mutate(
    ctx,
    'setMembers',
    async () => {
      const group = groupKeyFrom(ctx, input.groupId, ['input', 'groupId']);
      const adapter = ctx.registry.adapter(group.provider);
      const { writes } = adapter.capabilities;
      const canEmulate = (writes.addMember || writes.addMembersBulk) && (writes.removeMember || writes.removeMembersBulk);
      if (!writes.replaceMembers && !canEmulate) throw unsupported(adapter, 'setMembers', 'cannot replace the members of a group through its API');
      checkBound(input.members.length, MAX_MEMBERS_PER_SET, MEMBERS_PATH, 'setMembers');
      const resolved = await distinctMembers(adapter, group, memberRefsFrom(adapter, input.members, MEMBERS_PATH));
      // "Exactly these members" cannot be applied in part: a reference that names no one stops it before any write.
      const unknown = resolved.find((r) => r.error);
      if (unknown?.error) throw new ValidationError(unknown.error.message, [...MEMBERS_PATH, String(unknown.given.index), unknown.given.kind], group.provider);
      const targets = targetsOf(resolved);
      const p = planner(ctx, adapter, group, 'setMembers');
      const native = writes.replaceMembers && adapter.replaceMembers && targets.every((t) => 'memberId' in t.ref);
      const { outcomes, dropped } = native ? await replaceNatively(p, targets) : await replaceByDiff(p, targets);
      const changes: ChangeEntry[] = [...entriesFor(group, resolved, outcomes), ...dropped.map((d) => droppedEntry(group, d.memberId, d.outcome))];
      return settle({ group, changes }, merge(outcomes, new Map(dropped.map((d) => [`dropped:${d.memberId}`, d.outcome]))));
    },
    MEMBERS_PATH,
  );
}

interface Replaced {
  outcomes: Outcomes;
  dropped: Array<{ memberId: string; outcome: Outcome }>;
}

/** One call (Checkmarx PUT, Cloudflare PUT): the adapter reports each wanted member, then each member it dropped. */
async function replaceNatively(p: Planner, targets: readonly Target[]): Promise<Replaced> {
  const replace = p.adapter.replaceMembers?.bind(p.adapter);
  if (!replace) throw new Error('replaceNatively needs replaceMembers');
  const changes = await replace(
    p.group,
    targets.map((t) => t.ref),
  );
  const outcomes: Outcomes = new Map();
  const dropped: Replaced['dropped'] = [];
  for (const change of changes) {
    const target = targetOf(p.adapter.ids, change.ref);
    if (change.status === 'REMOVED' && 'memberId' in change.ref) dropped.push({ memberId: change.ref.memberId, outcome: { status: 'REMOVED' } });
    else outcomes.set(target.key, { status: change.status });
  }
  return { outcomes, dropped };
}

/**
 * Emulated (GoodAccess, GitBook, Bird): read the set, add the missing (bulk where the API has it), then remove
 * the extra. Adds go first, so a change stopped half-way never leaves the group smaller than both states; and
 * when the adds failed for the provider as a whole, the removes are not sent.
 */
async function replaceByDiff(p: Planner, targets: readonly Target[]): Promise<Replaced> {
  const { ids } = p.adapter;
  const { records } = await readGroupMembers(p);
  const keysOf = (m: (typeof records)[number]) => [targetOf(ids, { memberId: m.memberId }).key, ...(m.email ? [`email:${m.email.toLowerCase()}`] : [])];
  const matched = new Set<string>();
  const present: Outcomes = new Map();
  const missing: Target[] = [];
  for (const t of targets) {
    const member = records.find((m) => keysOf(m).includes(t.key));
    if (member) {
      present.set(t.key, { status: 'ALREADY_MEMBER' });
      matched.add(member.memberId);
    } else missing.push(t);
  }
  const extra = records.filter((m) => !matched.has(m.memberId)).map((m) => targetOf(ids, { memberId: m.memberId }));
  const added = await addTargets(p, missing);
  const stop = [...added.values()].find((o) => o.status === 'FAILED' && isProviderWide(o.error));
  const removed: Outcomes = stop
    ? new Map(extra.map((t) => [t.key, { status: 'FAILED', ...(stop.error ? { error: stop.error } : {}) }]))
    : await removeTargets(p, extra);
  return {
    outcomes: merge(present, added),
    dropped: extra.map((t) => ({ memberId: (t.ref as { memberId: string }).memberId, outcome: removed.get(t.key) ?? { status: 'FAILED' } })),
  };
}

export function setMemberRole(ctx: RequestContext, input: SetMemberRoleInput): Promise<MemberResult> {
  return mutate(ctx, 'setMemberRole', async () => {
    const key = memberKeyFrom(ctx, input.memberId, ['input', 'memberId']);
    const adapter = ctx.registry.adapter(key.provider);
    if (!adapter.capabilities.writes.setMemberRole || !adapter.setMemberRole) {
      throw unsupported(adapter, 'setMemberRole', 'has no team roles to set through its API');
    }
    if (key.groupId === null) {
      throw new ValidationError(
        'setMemberRole needs the id of a team member (a Member read from a team), not of an organization member',
        ['input', 'memberId'],
        key.provider,
      );
    }
    await adapter.setMemberRole({ organizationId: key.organizationId, groupId: key.groupId }, key.memberId, input.role);
    return { key, record: null };
  });
}
