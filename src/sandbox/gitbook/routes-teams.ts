// Team routes: list (with `title` and `owner` filters), create (PUT, 201), get, PATCH {title}, DELETE (205/204).
import { SimError, type SimRoute } from '../core/types.js';
import { assertCanWrite, jsonObjectBody } from './errors.js';
import { paginate } from './paging.js';
import { drawId, findMember, findOrg, findTeam, type GitBookWorld, type Team, type TeamRole } from './state.js';
import { teamView } from './views.js';

function checkTitle(value: unknown): string {
  if (typeof value !== 'string' || value.trim().length < 1 || value.length > 64) {
    throw new SimError(400, 'Invalid "title": expected a string of 1 to 64 characters');
  }
  return value;
}

export function teamRoutes(world: () => GitBookWorld): SimRoute[] {
  const orgOf = (params: Record<string, string>) => findOrg(world(), params.organizationId ?? '');
  return [
    {
      method: 'GET',
      template: '/orgs/{organizationId}/teams',
      handler: (req) => {
        const org = orgOf(req.params);
        let teams = [...org.teams.values()];
        const title = req.query.get('title');
        if (title) teams = teams.filter((team) => team.title.toLowerCase().includes(title.toLowerCase()));
        const owner = req.query.get('owner');
        if (owner) {
          // [infer] "Teams this member can manage": all of them for an organization admin, else those they own.
          const member = findMember(org, owner);
          if (member.role !== 'admin') teams = teams.filter((team) => team.members.get(owner) === 'owner');
        }
        const body = paginate(
          req,
          `orgs/${org.id}/teams`,
          teams.map((team) => team.id),
          (id) => teamView(org.teams.get(id)!),
        );
        return { status: 200, body };
      },
    },
    {
      method: 'PUT',
      template: '/orgs/{organizationId}/teams',
      handler: (req) => {
        assertCanWrite(req);
        const org = orgOf(req.params);
        const body = jsonObjectBody(req);
        const title = checkTitle(body.title);
        const members = body.members ?? [];
        if (!Array.isArray(members) || members.some((id) => typeof id !== 'string')) {
          throw new SimError(400, 'Invalid "members": expected an array of member ids');
        }
        const unknown = (members as string[]).find((id) => !org.members.has(id));
        if (unknown !== undefined) throw new SimError(400, `Invalid "members": "${unknown}" is not a member of the organization`);
        const team: Team = {
          id: drawId(world().prng, 20),
          title,
          createdAt: Date.now(),
          spaces: 0,
          members: new Map((members as string[]).map((id): [string, TeamRole] => [id, 'member'])),
        };
        org.teams.set(team.id, team);
        return { status: 201, body: teamView(team) };
      },
    },
    {
      method: 'GET',
      template: '/orgs/{organizationId}/teams/{teamId}',
      handler: (req) => ({ status: 200, body: teamView(findTeam(orgOf(req.params), req.params.teamId ?? '')) }),
    },
    {
      method: 'PATCH',
      template: '/orgs/{organizationId}/teams/{teamId}',
      handler: (req) => {
        assertCanWrite(req);
        const team = findTeam(orgOf(req.params), req.params.teamId ?? '');
        const body = jsonObjectBody(req);
        if (body.title !== undefined) team.title = checkTitle(body.title);
        return { status: 200, body: teamView(team) };
      },
    },
    {
      method: 'DELETE',
      template: '/orgs/{organizationId}/teams/{teamId}',
      handler: (req) => {
        assertCanWrite(req);
        const org = orgOf(req.params);
        // 205 when a team was deleted, 204 when there was none: the call is idempotent.
        return { status: org.teams.delete(req.params.teamId ?? '') ? 205 : 204 };
      },
    },
  ];
}
