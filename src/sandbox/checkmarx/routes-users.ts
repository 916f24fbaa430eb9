// /auth/Users (user CRUD; teamIds sets membership from the user's side) and /auth/Roles.
import type { CxContext, CxRoute } from './context.js';
import { dotNetDate, dotNetNow } from './dates.js';
import { cxError } from './errors.js';
import { created, intList, jsonObject, noContent, ok, optionalString, pathId, requiredString } from './request.js';
import type { AccessControlState, User, UserFields } from './state.js';

const APPLICATION_PROVIDER = 1;

function email(body: Record<string, unknown>): string {
  const value = requiredString(body, 'email');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) throw cxError(400, 'email is not a valid e-mail address');
  return value;
}

function dateField(body: Record<string, unknown>, field: string, fallback: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === null) return fallback;
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) throw cxError(400, `${field} is not a valid date`);
  return dotNetDate(ms, 0);
}

/** The fields POST and PUT share, and the teams; on PUT, optional fields left out keep their value. [infer] */
function userInput(state: AccessControlState, body: Record<string, unknown>, current?: User): { fields: UserFields; teamIds: number[] } {
  const roleIds = intList(body.roleIds ?? [], 'roleIds');
  const teamIds = intList(body.teamIds, 'teamIds');
  state.assertRolesExist(roleIds);
  state.assertTeamsExist(teamIds);
  const keep = <K extends keyof UserFields>(field: K, fallback: UserFields[K]): UserFields[K] =>
    (body[field] === undefined ? (current?.[field] ?? fallback) : body[field]) as UserFields[K];
  for (const field of ['phoneNumber', 'cellPhoneNumber', 'jobTitle', 'other', 'country'] as const) optionalString(body, field);
  if (body.active !== undefined && typeof body.active !== 'boolean') throw cxError(400, 'active must be true or false');
  if (body.allowedIpList !== undefined && body.allowedIpList !== null && !Array.isArray(body.allowedIpList)) {
    throw cxError(400, 'allowedIpList must be an array');
  }
  const fields: UserFields = {
    roleIds,
    authenticationProviderId: current?.authenticationProviderId ?? APPLICATION_PROVIDER,
    firstName: requiredString(body, 'firstName'),
    lastName: requiredString(body, 'lastName'),
    email: email(body),
    phoneNumber: keep('phoneNumber', null),
    cellPhoneNumber: keep('cellPhoneNumber', null),
    jobTitle: keep('jobTitle', null),
    other: keep('other', null),
    country: keep('country', null),
    active: keep('active', true),
    expirationDate: dateField(body, 'expirationDate', current?.expirationDate ?? dotNetDate(Date.now() + 365 * 86_400_000, 0)),
    allowedIpList: ((body.allowedIpList ?? current?.allowedIpList ?? []) as unknown[]).map(String),
    localeId: typeof body.localeId === 'number' ? body.localeId : (current?.localeId ?? 1),
  };
  return { fields, teamIds };
}

export function userRoutes(ctx: CxContext): CxRoute[] {
  return [
    {
      method: 'GET',
      template: '/auth/Users',
      handler: () => {
        const state = ctx.state();
        return ok([...state.users.values()].map((user) => state.userJson(user)));
      },
    },
    {
      method: 'POST',
      template: '/auth/Users',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const body = jsonObject(req);
        const userName = requiredString(body, 'username');
        if (state.userByName(userName)) throw cxError(400, `A user named "${userName}" already exists`);
        const provider = body.authenticationProviderId ?? APPLICATION_PROVIDER;
        // [infer] Only the application provider (id 1) exists here, so a password is always required.
        if (provider !== APPLICATION_PROVIDER) throw cxError(400, `Authentication provider ${String(provider)} does not exist`);
        const password = requiredString(body, 'password');
        const { fields, teamIds } = userInput(state, body);
        // The SDK notes a new user must belong to at least one team.
        if (teamIds.length === 0) throw cxError(400, 'teamIds must name at least one team');
        const user = state.addUser({ ...fields, userName, password, creationDate: dotNetNow(), lastLoginDate: null });
        state.setUserTeams(user.id, teamIds);
        return created(`/cxrestapi/auth/Users/${user.id}`);
      },
    },
    {
      method: 'GET',
      template: '/auth/Users/{id}',
      handler: (req) => {
        const state = ctx.state();
        return ok(state.userJson(state.user(pathId(req, 'id'))));
      },
    },
    {
      method: 'PUT',
      template: '/auth/Users/{id}',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const user = state.user(pathId(req, 'id'));
        const body = jsonObject(req);
        const { fields, teamIds } = userInput(state, body, user);
        Object.assign(user, fields);
        state.setUserTeams(user.id, teamIds);
        if (!user.active) ctx.tokens.revokeUser(user.id);
        return noContent();
      },
    },
    {
      method: 'DELETE',
      template: '/auth/Users/{id}',
      write: true,
      handler: (req) => {
        const state = ctx.state();
        const user = state.user(pathId(req, 'id'));
        const caller = ctx.tokens.caller(req);
        // [infer] A user cannot delete themselves (it would lock the caller out mid-session).
        if (caller?.id === user.id) throw cxError(400, 'You cannot delete your own user');
        state.deleteUser(user.id);
        ctx.tokens.revokeUser(user.id);
        return noContent();
      },
    },
    {
      method: 'GET',
      template: '/auth/Roles',
      handler: () => ok(ctx.state().roles.map((role) => ({ ...role, permissionIds: [...role.permissionIds] }))),
    },
  ];
}
