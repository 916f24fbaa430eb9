// The JSON shapes Bird returns for a Team and a TeamMember, built from the world's entries.
import type { Membership, TeamEntry } from './state.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** TeamMember has `additionalProperties: false`: exactly these five fields. */
export function teamMemberView(member: Membership): Record<string, unknown> {
  return {
    id: member.userId,
    type: 'user',
    status: member.status,
    createdAt: iso(member.createdAt),
    updatedAt: iso(member.updatedAt),
  };
}

/** [infer] Lists come in a stable order, oldest first with ties by id; Bird does not document its order. */
export function byCreation(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function teamView(team: TeamEntry): Record<string, unknown> {
  let active = 0;
  let pending = 0;
  for (const member of team.members.values()) {
    if (member.status === 'active') active += 1;
    else pending += 1;
  }
  // [infer] featuredMembers: the five longest-standing active members, recomputed on every change.
  const featuredMembers = [...team.members.values()]
    .filter((member) => member.status === 'active')
    .map((member) => ({ id: member.userId, createdAt: member.createdAt }))
    .sort(byCreation)
    .slice(0, 5)
    .map((member) => ({ type: 'user', id: member.id }));
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    visibility: team.visibility,
    accessibility: team.accessibility,
    activeMemberCount: active,
    pendingMemberCount: pending,
    featuredMembers,
    roleRefs: team.roleRefs === null ? null : team.roleRefs.map((ref) => ({ ...ref, workspaces: [...ref.workspaces] })),
    createdAt: iso(team.createdAt),
    updatedAt: iso(team.updatedAt),
  };
}
