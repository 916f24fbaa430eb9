// A person's Cloudflare access by e-mail: each account membership, and each user group it is in.
import { type SimulatedAccess, sameEmail } from '../company/access.js';
import type { World } from './state.js';

export function cloudflareAccess(world: World, email: string): SimulatedAccess[] {
  const found: SimulatedAccess[] = [];
  for (const { account, members, groups } of world.accounts.values()) {
    for (const member of members.values()) {
      if (!sameEmail(member.email, email)) continue;
      found.push({ organizationId: account.id, group: null, memberId: member.id });
      for (const group of groups.values()) {
        if (group.members.has(member.id)) found.push({ organizationId: account.id, group: { id: group.id, name: group.name }, memberId: member.id });
      }
    }
  }
  return found;
}
