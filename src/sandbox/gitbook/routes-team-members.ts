// Team member routes: list, the bulk PUT {add, remove, memberships}, the single-member upsert PUT and DELETE (205/204).
import { SimError, type SimRoute } from '../core/types.js';
import { assertCanWrite, jsonObjectBody } from './errors.js';
import { paginate } from './paging.js';
import { TEAM_ROLES, findMember, findOrg, findTeam, memberResolver, type GitBookWorld, type TeamRole } from './state.js';
import { teamMemberView } from './views.js';

function entryList(body: Record<string, unknown>, key: 'add' | 'remove'): string[] {
  const value = body[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
    throw new SimError(400, `Invalid "${key}": expected an array of user ids or e-mails`);
  }
  return value as string[];
}

function teamRole(value: unknown, field: string): TeamRole {
  if (!TEAM_ROLES.includes(value as TeamRole)) throw new SimError(400, `Invalid "${field}": expected "owner" or "member"`);
  return value as TeamRole;
}

function membershipMap(body: Record<string, unknown>): Array<[string, TeamRole]> {
  const value = body.memberships;
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimError(400, 'Invalid "memberships": expected an object from user id to {"role": "owner" | "member"}');
  }
  return Object.entries(value as Record<string, unknown>).map(([key, entry]) => {
    if (typeof entry !== 'object' || entry === null) throw new SimError(400, `Invalid "memberships.${key}": expected {"role": ...}`);
    return [key, teamRole((entry as { role?: unknown }).role, `memberships.${key}.role`)];
  });
}

/** Names up to three entries in a message, so a 1,000-entry mistake stays readable. */
function named(entries: readonly string[]): string {
  const shown = entries
    .slice(0, 3)
    .map((entry) => `"${entry}"`)
    .join(', ');
  return entries.length > 3 ? `${shown} and ${entries.length - 3} more` : shown;
}

export function teamMemberRoutes(world: () => GitBookWorld): SimRoute[] {
  const locate = (params: Record<string, string>) => {
    const org = findOrg(world(), params.organizationId ?? '');
    return { org, team: findTeam(org, params.teamId ?? '') };
  };
  return [
    {
      method: 'GET',
      template: '/orgs/{organizationId}/teams/{teamId}/members',
      handler: (req) => {
        const { org, team } = locate(req.params);
        const body = paginate(req, `orgs/${org.id}/teams/${team.id}/members`, team.members.keys(), (userId) =>
          teamMemberView(world(), org, org.members.get(userId)!, team.members.get(userId)!),
        );
        return { status: 200, body };
      },
    },
    {
      method: 'PUT',
      template: '/orgs/{organizationId}/teams/{teamId}/members',
      handler: (req) => {
        assertCanWrite(req);
        const { org, team } = locate(req.params);
        const body = jsonObjectBody(req);
        const add = entryList(body, 'add');
        const remove = entryList(body, 'remove');
        const memberships = membershipMap(body);

        // Everything is resolved and checked before anything changes: the update is all or nothing.
        const resolve = memberResolver(world(), org);
        const unknown: string[] = [];
        const resolveAll = (entries: readonly string[]) =>
          entries.flatMap((entry) => {
            const userId = resolve(entry);
            if (userId === undefined) unknown.push(entry);
            return userId === undefined ? [] : [userId];
          });
        const toAdd = resolveAll(add);
        const toRemove = new Set(resolveAll(remove));
        // [infer] Membership keys may be e-mails too, like `add` entries, so a role can come with an e-mail add.
        const roles = memberships.flatMap(([key, role]) => resolveAll([key]).map((userId): [string, TeamRole] => [userId, role]));
        if (unknown.length > 0) {
          throw new SimError(400, `Unknown users ${named(unknown)}: each entry must be the id or e-mail of an organization member`);
        }

        // A user both added and removed ends up removed (the spec says so).
        const after = new Map(team.members);
        for (const userId of toAdd) if (!after.has(userId)) after.set(userId, 'member');
        for (const userId of toRemove) after.delete(userId);
        const outside = roles.filter(([userId]) => !after.has(userId)).map(([userId]) => userId);
        if (outside.length > 0) {
          throw new SimError(400, `Invalid "memberships": ${named(outside)} would not be members of the team after this update`);
        }
        for (const [userId, role] of roles) after.set(userId, role);
        team.members = after;
        return { status: 204 };
      },
    },
    {
      method: 'PUT',
      template: '/orgs/{organizationId}/teams/{teamId}/members/{userId}',
      handler: (req) => {
        assertCanWrite(req);
        const { org, team } = locate(req.params);
        const body = jsonObjectBody(req, true);
        const role = body.role === undefined ? undefined : teamRole(body.role, 'role');
        const member = findMember(org, req.params.userId ?? '');
        // An upsert: [infer] a new member defaults to `member`; an existing one keeps their role unless one is given.
        team.members.set(member.userId, role ?? team.members.get(member.userId) ?? 'member');
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      template: '/orgs/{organizationId}/teams/{teamId}/members/{userId}',
      handler: (req) => {
        assertCanWrite(req);
        const { org, team } = locate(req.params);
        // [infer] A user who is not even an organization member is unknown (404), not merely "not in the team".
        const member = findMember(org, req.params.userId ?? '');
        return { status: team.members.delete(member.userId) ? 205 : 204 };
      },
    },
  ];
}
