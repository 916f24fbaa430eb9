// /auth/Teams: the team tree, and team membership (read, full replace, add one, remove one).
import type { CxContext, CxRoute } from './context.js';
import { cxError, MessageCode } from './errors.js';
import { created, intList, jsonObject, noContent, ok, pathId } from './request.js';

export function teamRoutes(ctx: CxContext): CxRoute[] {
  return [
    {
      method: 'GET',
      template: '/auth/Teams',
      handler: () => {
        const state = ctx.state();
        return ok([...state.teams.values()].map((team) => state.teamJson(team)));
      },
    },
    {
      method: 'POST',
      template: '/auth/Teams',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const body = jsonObject(req);
        const { name, parentId } = state.checkPlacement(body.name, body.parentId);
        const team = state.addTeam(name, parentId);
        // [infer] 201 with an empty body and the new team's URL in Location.
        return created(`/cxrestapi/auth/Teams/${team.id}`);
      },
    },
    {
      method: 'GET',
      template: '/auth/Teams/{id}',
      handler: (req) => {
        const state = ctx.state();
        return ok(state.teamJson(state.team(pathId(req, 'id'))));
      },
    },
    {
      method: 'PUT',
      template: '/auth/Teams/{id}',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const team = state.team(pathId(req, 'id'));
        const body = jsonObject(req);
        if (team.parentId === 0) {
          // [infer] The root can be renamed in place but never moved.
          if (body.parentId !== 0) throw cxError(400, 'The root team cannot be moved');
          if (typeof body.name !== 'string' || body.name.trim() === '' || body.name.includes('/')) {
            throw cxError(400, 'name is required and cannot contain "/"');
          }
          team.name = body.name.trim();
          return noContent();
        }
        const placement = state.checkPlacement(body.name, body.parentId, team.id);
        team.name = placement.name;
        team.parentId = placement.parentId;
        return noContent();
      },
    },
    {
      method: 'DELETE',
      template: '/auth/Teams/{id}',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const team = state.team(pathId(req, 'id'));
        if (team.parentId === 0) throw cxError(400, 'The root team cannot be deleted');
        // [infer] Deleting a team deletes its sub-teams and every membership in them.
        state.deleteTeam(team.id);
        return noContent();
      },
    },
    {
      method: 'GET',
      template: '/auth/Teams/{teamId}/Users',
      handler: (req) => {
        const state = ctx.state();
        const teamId = pathId(req, 'teamId');
        state.team(teamId);
        return ok(state.teamMembers(teamId).map((user) => state.userJson(user)));
      },
    },
    {
      method: 'PUT',
      template: '/auth/Teams/{teamId}/Users',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const members = state.membersOf(pathId(req, 'teamId'));
        const userIds = intList(jsonObject(req).userIds, 'userIds');
        // [infer] Unknown ids fail the whole request with a 400 naming them; nothing is applied.
        state.assertUsersExist(userIds);
        // [infer] Full replace: the body is the complete member list.
        members.clear();
        for (const id of userIds) members.add(id);
        return noContent();
      },
    },
    {
      method: 'POST',
      template: '/auth/Teams/{teamId}/Users/{userId}',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const members = state.membersOf(pathId(req, 'teamId'));
        const user = state.user(pathId(req, 'userId'));
        // [infer] Adding an existing member is a silent 204 (idempotent).
        members.add(user.id);
        return noContent();
      },
    },
    {
      method: 'DELETE',
      template: '/auth/Teams/{teamId}/Users/{userId}',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const teamId = pathId(req, 'teamId');
        const members = state.membersOf(teamId);
        const user = state.user(pathId(req, 'userId'));
        // [infer] Removing a non-member is a 400 (the doc lists no 404 for this call).
        if (!members.has(user.id)) {
          throw cxError(400, `User ${user.id} is not a member of team ${teamId}`, MessageCode.notAMember);
        }
        members.delete(user.id);
        return noContent();
      },
    },
  ];
}
