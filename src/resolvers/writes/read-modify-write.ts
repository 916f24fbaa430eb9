// Read-modify-write through a replace call (Checkmarx's and Cloudflare's PUT): adds and removes where no bulk call exists.
import { ProviderError, type MemberChange, type MemberRecord, type ProviderAdapter } from '../../providers/types.js';
import { oneByOne } from './bounded.js';
import { readGroupMembers, type Planner } from './group-change.js';
import { failAll, merge, type Outcome, type Outcomes } from './target-outcomes.js';
import { targetOf, type Target } from './refs.js';
import { addOne, removeOne } from './singles.js';

/** Adds: read the set, PUT it with the missing members (Checkmarx's "add many" per docs/providers/checkmarx.md#contract). */
export async function addByReplace(p: Planner, targets: readonly Target[], single: ((t: Target) => Promise<MemberChange>) | null): Promise<Outcomes> {
  const { records } = await readGroupMembers(p);
  const current = new Set(records.map((m) => targetOf(p.adapter.ids, { memberId: m.memberId }).key));
  const present: Outcomes = new Map(targets.filter((t) => current.has(t.key)).map((t) => [t.key, { status: 'ALREADY_MEMBER' }]));
  const missing = targets.filter((t) => !current.has(t.key));
  if (missing.length === 0) return present;
  const keep = records.map((m) => targetOf(p.adapter.ids, { memberId: m.memberId }));
  return merge(present, await replaceOrSplit(p, records, [...keep, ...missing], missing, single, 'add'));
}

/** Removes: read the set; absent ones are NOT_A_MEMBER; the present go by single calls or one PUT, whichever is fewer calls. */
export async function removeByReplace(p: Planner, targets: readonly Target[], single: ((t: Target) => Promise<MemberChange>) | null): Promise<Outcomes> {
  const { records } = await readGroupMembers(p);
  const current = records.map((m) => targetOf(p.adapter.ids, { memberId: m.memberId }));
  const wanted = new Set(targets.map((t) => t.key));
  const presentKeys = new Set(current.filter((t) => wanted.has(t.key)).map((t) => t.key));
  const absent: Outcomes = new Map(targets.filter((t) => !presentKeys.has(t.key)).map((t) => [t.key, { status: 'NOT_A_MEMBER' }]));
  const present = targets.filter((t) => presentKeys.has(t.key));
  if (present.length === 0) return absent;
  // The replace is one PUT (the set just read goes with it, so the adapter reads nothing); a single remove is one call.
  if (single && present.length <= 1) return merge(absent, await oneByOne(p, present, single, false));
  return merge(
    absent,
    await replaceOrSplit(
      p,
      records,
      current.filter((t) => !wanted.has(t.key)),
      present,
      single,
      'remove',
    ),
  );
}

/**
 * PUTs `wanted` as the whole set and reports on `changed`. The set `read` is what the adapter classifies against,
 * so the change costs one read and one PUT. Should the adapter still report a change beyond `changed` (a member
 * it saw differently), that collateral change is put back. A refusal as INVALID (an unknown user id fails the
 * whole PUT) is split into single calls, so only the bad reference fails.
 */
async function replaceOrSplit(
  p: Planner,
  read: readonly MemberRecord[],
  wanted: readonly Target[],
  changed: readonly Target[],
  single: ((t: Target) => Promise<MemberChange>) | null,
  intent: 'add' | 'remove',
): Promise<Outcomes> {
  const { adapter, group } = p;
  let changes: MemberChange[];
  try {
    changes = await (adapter.replaceMembers as NonNullable<ProviderAdapter['replaceMembers']>)(
      group,
      wanted.map((t) => t.ref),
      read.map((m) => m.memberId),
    );
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'INVALID' && single && changed.length > 1) return oneByOne(p, changed, single, false);
    return failAll(changed, error, p.site);
  }
  const statusOf = new Map(changes.map((c) => [targetOf(adapter.ids, c.ref).key, c.status]));
  const changedKeys = new Set(changed.map((t) => t.key));
  await undoCollateral(
    p,
    changes.filter((c) => !changedKeys.has(targetOf(adapter.ids, c.ref).key) && (c.status === 'ADDED' || c.status === 'REMOVED')),
  );
  return new Map(
    changed.map((t): [string, Outcome] => {
      const status = statusOf.get(t.key);
      if (intent === 'add') return [t.key, { status: status === 'ALREADY_MEMBER' ? 'ALREADY_MEMBER' : 'ADDED' }];
      // Not among the adapter's REMOVED: someone else removed it between the two reads.
      return [t.key, { status: status === 'REMOVED' ? 'REMOVED' : 'NOT_A_MEMBER' }];
    }),
  );
}

/** Puts back what a read-modify-write changed beyond its intent (a concurrent add or remove it overwrote). */
async function undoCollateral(p: Planner, collateral: readonly MemberChange[]): Promise<void> {
  for (const change of collateral) {
    if (change.status === 'REMOVED') await addOne(p.adapter, p.group, change.ref).catch(() => undefined);
    else await removeOne(p.adapter, p.group, change.ref).catch(() => undefined);
  }
}
