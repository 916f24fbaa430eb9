// Resolves path parameters to the world's entries, answering Bird's 404 of the matching kind.
import type { SimRequest } from '../core/types.js';
import { organizationNotFound, teamMemberNotFound, teamNotFound, validationError } from './errors.js';
import { isUuid, type BirdWorld, type Membership, type TeamEntry } from './state.js';

/** [infer] A path id that is not a UUID is a 404 of its kind, like an unknown UUID (never a 422). */
export function requireOrganization(world: BirdWorld, req: SimRequest): void {
  const id = req.params.organizationId ?? '';
  if (!isUuid(id) || id.toLowerCase() !== world.organizationId) throw organizationNotFound();
}

export function requireTeam(world: BirdWorld, req: SimRequest): TeamEntry {
  requireOrganization(world, req);
  const id = req.params.teamId ?? '';
  const team = isUuid(id) ? world.teams.get(id.toLowerCase()) : undefined;
  if (!team) throw teamNotFound();
  return team;
}

export function requireMember(team: TeamEntry, req: SimRequest): Membership {
  const id = req.params.teamMemberId ?? '';
  const member = isUuid(id) ? team.members.get(id.toLowerCase()) : undefined;
  if (!member) throw teamMemberNotFound();
  return member;
}

/** A JSON object body; anything else is a 422 naming the body. */
export function jsonObjectBody(req: SimRequest): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(req.bodyText);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    // [infer] A body that is not a JSON object is a 422, like any other invalid input.
    throw validationError('body', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}
