// The simulated Access Control state: teams (a tree under /CxServer), users, roles and team membership.
import { dotNetNow } from './dates.js';
import { cxError, MessageCode } from './errors.js';

/** [infer] The id of the "Manage Users" permission, which membership and user writes require. */
export const MANAGE_USERS_PERMISSION = 14;

export interface Team {
  id: number;
  name: string;
  /** [infer] The root /CxServer has parentId 0. */
  parentId: number;
}

export interface Role {
  id: number;
  isSystemRole: boolean;
  name: string;
  description: string;
  permissionIds: number[];
}

/** A user's own fields; `teamIds` is derived from the membership sets, so both sides always agree. */
export interface User {
  id: number;
  userName: string;
  /** Not on the wire. */
  password: string;
  lastLoginDate: string | null;
  roleIds: number[];
  authenticationProviderId: number;
  creationDate: string;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber: string | null;
  cellPhoneNumber: string | null;
  jobTitle: string | null;
  other: string | null;
  country: string | null;
  active: boolean;
  expirationDate: string;
  allowedIpList: string[];
  localeId: number;
}

export type UserFields = Omit<User, 'id' | 'password' | 'userName' | 'creationDate' | 'lastLoginDate'>;

export class AccessControlState {
  readonly teams = new Map<number, Team>();
  readonly users = new Map<number, User>();
  readonly roles: Role[] = [];
  /** Team id to the ids of its direct members: the one source of membership. */
  readonly members = new Map<number, Set<number>>();
  private nextTeamId = 1;
  private nextUserId = 1;

  // ---- teams ----

  addTeam(name: string, parentId: number): Team {
    const team: Team = { id: this.nextTeamId++, name, parentId };
    this.teams.set(team.id, team);
    this.members.set(team.id, new Set());
    return team;
  }

  team(id: number): Team {
    const team = this.teams.get(id);
    if (!team) throw cxError(404, `Team with id ${id} was not found`, MessageCode.notFound);
    return team;
  }

  fullName(team: Team): string {
    const names: string[] = [];
    for (let at: Team | undefined = team; at; at = this.teams.get(at.parentId)) names.unshift(at.name);
    return `/${names.join('/')}`;
  }

  teamJson(team: Team): Record<string, unknown> {
    return { id: team.id, name: team.name, fullName: this.fullName(team), parentId: team.parentId };
  }

  /** The team and every team below it. */
  subtree(id: number): number[] {
    const out = [id];
    for (let i = 0; i < out.length; i++) {
      for (const team of this.teams.values()) if (team.parentId === out[i]) out.push(team.id);
    }
    return out;
  }

  /** Checks a name and parent for a new or moved team. */
  checkPlacement(name: unknown, parentId: unknown, movingId?: number): { name: string; parentId: number } {
    if (typeof name !== 'string' || name.trim() === '') throw cxError(400, 'name is required');
    if (name.includes('/')) throw cxError(400, 'A team name cannot contain "/"');
    if (typeof parentId !== 'number' || !Number.isInteger(parentId)) throw cxError(400, 'parentId must be an integer');
    if (!this.teams.has(parentId)) throw cxError(400, `Parent team with id ${parentId} does not exist`);
    if (movingId !== undefined && this.subtree(movingId).includes(parentId)) {
      throw cxError(400, 'A team cannot be moved under itself or one of its sub-teams');
    }
    const clash = [...this.teams.values()].some((t) => t.parentId === parentId && t.id !== movingId && t.name.toLowerCase() === name.trim().toLowerCase());
    // [infer] Duplicate sibling names are a 400 (the documented error statuses have no 409).
    if (clash) throw cxError(400, `A team named "${name.trim()}" already exists under this parent`);
    return { name: name.trim(), parentId };
  }

  deleteTeam(id: number): void {
    for (const teamId of this.subtree(id)) {
      this.teams.delete(teamId);
      this.members.delete(teamId);
    }
  }

  // ---- users ----

  addUser(fields: Omit<User, 'id'>): User {
    const user: User = { id: this.nextUserId++, ...fields };
    this.users.set(user.id, user);
    return user;
  }

  user(id: number): User {
    const user = this.users.get(id);
    if (!user) throw cxError(404, `User with id ${id} was not found`, MessageCode.notFound);
    return user;
  }

  userByName(userName: string): User | undefined {
    const wanted = userName.toLowerCase();
    return [...this.users.values()].find((u) => u.userName.toLowerCase() === wanted);
  }

  teamIdsOf(userId: number): number[] {
    const ids: number[] = [];
    for (const [teamId, set] of this.members) if (set.has(userId)) ids.push(teamId);
    return ids.sort((a, b) => a - b);
  }

  /** The User object in the documented field order, with `creationDate` after the provider id as the SDK reads it. */
  userJson(user: User): Record<string, unknown> {
    return {
      id: user.id,
      userName: user.userName,
      lastLoginDate: user.lastLoginDate,
      roleIds: [...user.roleIds],
      teamIds: this.teamIdsOf(user.id),
      authenticationProviderId: user.authenticationProviderId,
      creationDate: user.creationDate,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      phoneNumber: user.phoneNumber,
      cellPhoneNumber: user.cellPhoneNumber,
      jobTitle: user.jobTitle,
      other: user.other,
      country: user.country,
      active: user.active,
      expirationDate: user.expirationDate,
      allowedIpList: [...user.allowedIpList],
      localeId: user.localeId,
    };
  }

  can(user: User, permissionId: number): boolean {
    return this.roles.some((role) => user.roleIds.includes(role.id) && role.permissionIds.includes(permissionId));
  }

  recordLogin(user: User): void {
    user.lastLoginDate = dotNetNow();
  }

  deleteUser(id: number): void {
    this.users.delete(id);
    for (const set of this.members.values()) set.delete(id);
  }

  /** Throws one 400 naming every id that is not a user, before anything changes. */
  assertUsersExist(ids: readonly number[]): void {
    const unknown = ids.filter((id) => !this.users.has(id));
    if (unknown.length > 0) {
      throw cxError(400, `User(s) with id ${unknown.join(', ')} do not exist`, MessageCode.unknownUser);
    }
  }

  assertTeamsExist(ids: readonly number[]): void {
    const unknown = ids.filter((id) => !this.teams.has(id));
    if (unknown.length > 0) throw cxError(400, `Team(s) with id ${unknown.join(', ')} do not exist`);
  }

  assertRolesExist(ids: readonly number[]): void {
    const unknown = ids.filter((id) => !this.roles.some((role) => role.id === id));
    if (unknown.length > 0) throw cxError(400, `Role(s) with id ${unknown.join(', ')} do not exist`);
  }

  /** Makes the user a member of exactly these teams (PUT /Users/{id} with teamIds). */
  setUserTeams(userId: number, teamIds: readonly number[]): void {
    const wanted = new Set(teamIds);
    for (const [teamId, set] of this.members) {
      if (wanted.has(teamId)) set.add(userId);
      else set.delete(userId);
    }
  }

  // ---- membership ----

  teamMembers(teamId: number): User[] {
    const ids = [...(this.members.get(teamId) ?? [])].sort((a, b) => a - b);
    return ids.map((id) => this.users.get(id)).filter((u): u is User => u !== undefined);
  }

  membersOf(teamId: number): Set<number> {
    this.team(teamId);
    return this.members.get(teamId) as Set<number>;
  }
}
