// Picks how adds and removes reach the provider, from its capabilities: native bulk calls, read-modify-write, or bounded single calls.
import { ProviderError, type MemberRole } from '../../providers/types.js';
import { oneByOne } from './bounded.js';
import { inBulk } from './bulk.js';
import type { Planner } from './group-change.js';
import { addByReplace, removeByReplace } from './read-modify-write.js';
import type { Target } from './refs.js';
import { addOne, removeOne } from './singles.js';
import type { Outcomes } from './target-outcomes.js';

const canReplaceWith = (targets: readonly Target[]) => targets.every((t) => 'memberId' in t.ref);

/**
 * Adds: one bulk call (Cloudflare POST, GitBook PUT); else, where the API replaces the set in one call
 * (Checkmarx), read the set and PUT it with the new members; else bounded single adds (Bird, GoodAccess).
 */
export async function addTargets(p: Planner, targets: readonly Target[], role?: MemberRole): Promise<Outcomes> {
  const { adapter, group } = p;
  const writes = adapter.capabilities.writes;
  if (targets.length === 0) return new Map();
  const single = writes.addMember && adapter.addMember ? (t: Target) => addOne(adapter, group, t.ref, role) : null;
  if (writes.addMembersBulk && adapter.addMembers) {
    const bulk = adapter.addMembers.bind(adapter);
    return inBulk(
      p,
      targets,
      (chunk) =>
        bulk(
          group,
          chunk.map((t) => t.ref),
          role,
        ),
      single,
    );
  }
  if (writes.replaceMembers && adapter.replaceMembers && targets.length > 1 && canReplaceWith(targets)) {
    return addByReplace(p, targets, single);
  }
  if (!single) throw new ProviderError(adapter.id, 'UNSUPPORTED', `${adapter.name} cannot add members`);
  return oneByOne(p, targets, single, true);
}

/**
 * Removes: one bulk call (GitBook PUT); else, where the API replaces the set (Checkmarx, Cloudflare) and
 * that costs fewer calls than one DELETE per member, read the set and PUT it without them; else bounded
 * single removes.
 */
export async function removeTargets(p: Planner, targets: readonly Target[]): Promise<Outcomes> {
  const { adapter, group } = p;
  const writes = adapter.capabilities.writes;
  if (targets.length === 0) return new Map();
  const single = writes.removeMember && adapter.removeMember ? (t: Target) => removeOne(adapter, group, t.ref) : null;
  if (writes.removeMembersBulk && adapter.removeMembers) {
    const bulk = adapter.removeMembers.bind(adapter);
    return inBulk(
      p,
      targets,
      (chunk) =>
        bulk(
          group,
          chunk.map((t) => t.ref),
        ),
      single,
    );
  }
  if (writes.replaceMembers && adapter.replaceMembers && targets.length > 1 && canReplaceWith(targets)) {
    return removeByReplace(p, targets, single);
  }
  if (!single) throw new ProviderError(adapter.id, 'UNSUPPORTED', `${adapter.name} cannot remove members`);
  return oneByOne(p, targets, single, true);
}
