// Team routes: list and create under an organization; get, update and delete one team.
import type { SimRoute } from '../core/types.js';
import { requireWriteAccess } from './auth.js';
import { jsonObjectBody, requireOrganization, requireTeam } from './lookup.js';
import { pageOf, parseListQuery } from './paging.js';
import type { BirdWorld, TeamEntry } from './state.js';
import { parseTeamInput } from './team-input.js';
import { teamView } from './views.js';

const TEAMS = '/organizations/{organizationId}/teams';
const TEAM = '/organizations/{organizationId}/teams/{teamId}';

export function teamRoutes(world: () => BirdWorld): SimRoute[] {
  return [
    {
      method: 'GET',
      template: TEAMS,
      handler: (req) => {
        const w = world();
        requireOrganization(w, req);
        const query = parseListQuery(req, 'teams', false);
        const page = pageOf([...w.teams.values()], query, 'teams');
        return { status: 200, body: { results: page.results.map(teamView), nextPageToken: page.nextPageToken } };
      },
    },
    {
      method: 'POST',
      template: TEAMS,
      handler: (req) => {
        const w = world();
        requireWriteAccess(req);
        requireOrganization(w, req);
        const input = parseTeamInput(jsonObjectBody(req), true);
        const now = w.now();
        const team: TeamEntry = {
          id: w.prng.uuid(),
          name: input.name ?? '',
          description: input.description ?? '',
          visibility: input.visibility ?? 'public',
          accessibility: input.accessibility ?? 'open',
          roleRefs: input.roleRefs ?? null,
          createdAt: now,
          updatedAt: now,
          members: new Map(),
        };
        w.teams.set(team.id, team);
        return { status: 201, body: teamView(team) };
      },
    },
    {
      method: 'GET',
      template: TEAM,
      handler: (req) => ({ status: 200, body: teamView(requireTeam(world(), req)) }),
    },
    {
      method: 'PATCH',
      template: TEAM,
      handler: (req) => {
        const w = world();
        requireWriteAccess(req);
        const team = requireTeam(w, req);
        const input = parseTeamInput(jsonObjectBody(req), false);
        Object.assign(team, input, { updatedAt: w.now() });
        return { status: 200, body: teamView(team) };
      },
    },
    {
      method: 'DELETE',
      template: TEAM,
      handler: (req) => {
        const w = world();
        requireWriteAccess(req);
        const team = requireTeam(w, req);
        w.teams.delete(team.id);
        return { status: 204 };
      },
    },
  ];
}
