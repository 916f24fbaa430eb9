// A person's Bird access by e-mail: their user in the organization, and each team they are in (any status).
import { type SimulatedAccess, sameEmail } from '../company/access.js';
import type { BirdWorld } from './state.js';

/**
 * Found by the organization directory's e-mail, which the Accounts API never shows: a client of the API cannot
 * find these by e-mail. The organization-level entry is the directory user, which the API does not list either.
 */
export function birdAccess(world: BirdWorld, email: string): SimulatedAccess[] {
  const found: SimulatedAccess[] = [];
  for (const user of world.users.values()) {
    if (!sameEmail(user.email, email)) continue;
    found.push({ organizationId: world.organizationId, group: null, memberId: user.id });
    for (const team of world.teams.values()) {
      if (team.members.has(user.id)) found.push({ organizationId: world.organizationId, group: { id: team.id, name: team.name }, memberId: user.id });
    }
  }
  return found;
}
