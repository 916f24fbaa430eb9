// Team member routes: list (paged, filtered by status), add one, get one and remove one.
import type { SimRoute } from '../core/types.js';
import { requireWriteAccess } from './auth.js';
import { memberAlreadyExists, userNotFound, validationError } from './errors.js';
import { jsonObjectBody, requireMember, requireTeam } from './lookup.js';
import { pageOf, parseListQuery } from './paging.js';
import { isUuid, type BirdWorld, type Membership } from './state.js';
import { teamMemberView } from './views.js';

const MEMBERS = '/organizations/{organizationId}/teams/{teamId}/members';
const MEMBER = '/organizations/{organizationId}/teams/{teamId}/members/{teamMemberId}';

export function memberRoutes(world: () => BirdWorld): SimRoute[] {
  return [
    {
      method: 'GET',
      template: MEMBERS,
      handler: (req) => {
        const team = requireTeam(world(), req);
        const query = parseListQuery(req, team.id, true);
        const members = [...team.members.values()]
          .filter((member) => query.status === null || member.status === query.status)
          .map((member) => ({ ...member, id: member.userId }));
        const page = pageOf(members, query, team.id);
        return { status: 200, body: { results: page.results.map(teamMemberView), nextPageToken: page.nextPageToken } };
      },
    },
    {
      method: 'POST',
      template: MEMBERS,
      handler: (req) => {
        const w = world();
        requireWriteAccess(req);
        const team = requireTeam(w, req);
        const body = jsonObjectBody(req);
        if (body.type !== 'user') throw validationError('type', 'must be user');
        if (!isUuid(body.id)) throw validationError('id', 'must be a UUID');
        const userId = body.id.toLowerCase();
        // [infer] The organization has a user directory; only its users can join its teams.
        if (!w.users.has(userId)) throw userNotFound();
        // Not idempotent: a second add of the same user is a 409, whatever the first one's status.
        if (team.members.has(userId)) throw memberAlreadyExists();
        const now = w.now();
        // [infer] An API add to an invite-only team makes an invitation; elsewhere the user joins at once.
        const member: Membership = {
          userId,
          status: team.accessibility === 'invite-only' ? 'invited' : 'active',
          createdAt: now,
          updatedAt: now,
        };
        team.members.set(userId, member);
        // [infer] A membership change counts as a change of the team (its counts moved).
        team.updatedAt = now;
        // The response wraps the one new member in `results`, as the API does.
        return { status: 201, body: { results: [teamMemberView(member)] } };
      },
    },
    {
      method: 'GET',
      template: MEMBER,
      handler: (req) => {
        const team = requireTeam(world(), req);
        return { status: 200, body: teamMemberView(requireMember(team, req)) };
      },
    },
    {
      method: 'DELETE',
      template: MEMBER,
      handler: (req) => {
        const w = world();
        requireWriteAccess(req);
        const team = requireTeam(w, req);
        const member = requireMember(team, req);
        team.members.delete(member.userId);
        team.updatedAt = w.now();
        // [infer] 204 with an empty body; a repeated DELETE is a 404 (team_member_not_found).
        return { status: 204 };
      },
    },
  ];
}
