// A person's GoodAccess access by e-mail (their login): the tenant membership, and each user group.
import { type SimulatedAccess, sameEmail } from '../company/access.js';
import type { TenantState } from './state.js';

/** The tenant has no id of its own (the token stands for it): organizationId is null. */
export function goodAccessAccess(state: TenantState, email: string): SimulatedAccess[] {
  const found: SimulatedAccess[] = [];
  for (const member of state.members.values()) {
    if (!sameEmail(member.username, email)) continue;
    found.push({ organizationId: null, group: null, memberId: member.id });
    for (const [groupId, memberIds] of state.relations) {
      const group = state.groups.get(groupId);
      if (group && memberIds.has(member.id)) found.push({ organizationId: null, group: { id: group.id, name: group.name }, memberId: member.id });
    }
  }
  return found;
}
