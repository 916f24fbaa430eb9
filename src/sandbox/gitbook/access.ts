// A person's GitBook access by e-mail: each organization they are a member of, and each team there.
import { type SimulatedAccess, sameEmail } from '../company/access.js';
import type { GitBookWorld } from './state.js';

/** Users who hide their e-mail are not found: nothing joins them to an address. */
export function gitBookAccess(world: GitBookWorld, email: string): SimulatedAccess[] {
  const found: SimulatedAccess[] = [];
  for (const org of world.orgs.values()) {
    for (const userId of org.members.keys()) {
      if (!sameEmail(world.users.get(userId)?.email, email)) continue;
      found.push({ organizationId: org.id, group: null, memberId: userId });
      for (const team of org.teams.values()) {
        if (team.members.has(userId)) found.push({ organizationId: org.id, group: { id: team.id, name: team.title }, memberId: userId });
      }
    }
  }
  return found;
}
