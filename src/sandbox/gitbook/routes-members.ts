// Organization member routes: list, get, PATCH {role}, DELETE, and the teams of one member.
import { SimError, type SimRoute } from '../core/types.js';
import { assertCanWrite, jsonObjectBody } from './errors.js';
import { paginate } from './paging.js';
import { ORG_ROLES, findMember, findOrg, type GitBookWorld, type OrgRole } from './state.js';
import { memberView, teamView } from './views.js';

export function memberRoutes(world: () => GitBookWorld): SimRoute[] {
  const orgOf = (params: Record<string, string>) => findOrg(world(), params.organizationId ?? '');
  return [
    {
      method: 'GET',
      template: '/orgs/{organizationId}/members',
      handler: (req) => {
        const org = orgOf(req.params);
        const body = paginate(req, `orgs/${org.id}/members`, org.members.keys(), (id) => memberView(world(), org, org.members.get(id)!));
        return { status: 200, body };
      },
    },
    {
      method: 'GET',
      template: '/orgs/{organizationId}/members/{userId}',
      handler: (req) => {
        const org = orgOf(req.params);
        return { status: 200, body: memberView(world(), org, findMember(org, req.params.userId ?? '')) };
      },
    },
    {
      method: 'PATCH',
      template: '/orgs/{organizationId}/members/{userId}',
      handler: (req) => {
        assertCanWrite(req);
        const org = orgOf(req.params);
        const member = findMember(org, req.params.userId ?? '');
        const body = jsonObjectBody(req);
        if (!('role' in body)) throw new SimError(400, 'Missing "role"');
        const { role } = body;
        // Null turns the member into a guest, as the spec's MemberRoleOrGuest allows.
        if (role !== null && !ORG_ROLES.includes(role as OrgRole)) {
          throw new SimError(400, `Invalid "role": expected one of ${ORG_ROLES.join(', ')} or null`);
        }
        member.role = role as OrgRole | null;
        // [infer] The spec gives no success body for this call; the sandbox answers 204.
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      template: '/orgs/{organizationId}/members/{userId}',
      handler: (req) => {
        assertCanWrite(req);
        const org = orgOf(req.params);
        const userId = req.params.userId ?? '';
        if (!org.members.delete(userId)) return { status: 204 };
        // Leaving the organization ends every team membership in it, so team counts follow.
        for (const team of org.teams.values()) team.members.delete(userId);
        // [infer] 202 (a removal request sent to admins) is never produced: the sandbox token is an admin.
        return { status: 205 };
      },
    },
    {
      method: 'GET',
      template: '/orgs/{organizationId}/members/{userId}/teams',
      handler: (req) => {
        const org = orgOf(req.params);
        const member = findMember(org, req.params.userId ?? '');
        const teamIds = [...org.teams.values()].filter((team) => team.members.has(member.userId)).map((team) => team.id);
        const body = paginate(req, `orgs/${org.id}/members/${member.userId}/teams`, teamIds, (id) => teamView(org.teams.get(id)!));
        return { status: 200, body };
      },
    },
  ];
}
