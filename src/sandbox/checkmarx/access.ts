// A person's Checkmarx access by e-mail: their user on the server, and each team they are a direct member of.
import { type SimulatedAccess, sameEmail } from '../company/access.js';
import type { AccessControlState } from './state.js';

/** The server is the organization (it has no id); teams are named by their full path, as the API gives it. */
export function checkmarxAccess(state: AccessControlState, email: string): SimulatedAccess[] {
  const found: SimulatedAccess[] = [];
  for (const user of state.users.values()) {
    if (!sameEmail(user.email, email)) continue;
    const memberId = String(user.id);
    found.push({ organizationId: null, group: null, memberId });
    for (const team of state.teams.values()) {
      if (state.members.get(team.id)?.has(user.id)) found.push({ organizationId: null, group: { id: String(team.id), name: state.fullName(team) }, memberId });
    }
  }
  return found;
}
