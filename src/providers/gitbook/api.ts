// GitBook's REST calls, one method each: paths from templates, bodies validated, every call idempotent (docs/providers/gitbook.md#contract).
import type { HttpClient } from '../http.js';
import { routePath } from '../route-path.js';
import { parseResponse } from '../validate.js';
import type { ListPage } from '../batch.js';
import {
  listSchema,
  organizationMemberSchema,
  organizationSchema,
  teamMemberSchema,
  teamSchema,
  type WireOrganization,
  type WireOrganizationMember,
  type WireTeam,
  type WireTeamMember,
  type WireTeamMembersUpdate,
  type WireTeamRole,
} from './wire.js';
import type { z } from 'zod';

/** A list page as GitBook sends it: `next` is its own `next.page` cursor; `count` is optional. */
export interface WirePage<T> extends ListPage<T> {
  items: T[];
  count: number | null;
}

const ORGS = '/orgs';
const ORG = '/orgs/{organizationId}';
const TEAMS = '/orgs/{organizationId}/teams';
const TEAM = '/orgs/{organizationId}/teams/{teamId}';
const TEAM_MEMBERS = '/orgs/{organizationId}/teams/{teamId}/members';
const TEAM_MEMBER = '/orgs/{organizationId}/teams/{teamId}/members/{userId}';
const MEMBERS = '/orgs/{organizationId}/members';
const MEMBER = '/orgs/{organizationId}/members/{userId}';

export class GitBookApi {
  constructor(private readonly http: HttpClient) {}

  private async get<S extends z.ZodType>(
    schema: S,
    template: string,
    params: Record<string, string>,
    query?: Record<string, string | number | undefined>,
  ): Promise<z.output<S>> {
    const path = routePath(template, params);
    const res = await this.http.request({ method: 'GET', path, query, idempotent: true });
    return parseResponse('GITBOOK', schema, res.body, `GET ${res.route}`);
  }

  private async list<S extends z.ZodType>(
    item: S,
    template: string,
    params: Record<string, string>,
    page: { after: string | null; limit: number },
    filters: Record<string, string | undefined> = {},
  ): Promise<WirePage<z.output<S>>> {
    const query = { ...filters, limit: page.limit, page: page.after ?? undefined };
    const body = await this.get(listSchema(item), template, params, query);
    return { items: body.items, next: body.next?.page ?? null, count: body.count ?? null };
  }

  listOrganizations(page: { after: string | null; limit: number }): Promise<WirePage<WireOrganization>> {
    return this.list(organizationSchema, ORGS, {}, page);
  }

  getOrganization(organizationId: string): Promise<WireOrganization> {
    return this.get(organizationSchema, ORG, { organizationId });
  }

  listTeams(organizationId: string, page: { after: string | null; limit: number }, title?: string): Promise<WirePage<WireTeam>> {
    return this.list(teamSchema, TEAMS, { organizationId }, page, { title });
  }

  getTeam(organizationId: string, teamId: string): Promise<WireTeam> {
    return this.get(teamSchema, TEAM, { organizationId, teamId });
  }

  listTeamMembers(organizationId: string, teamId: string, page: { after: string | null; limit: number }): Promise<WirePage<WireTeamMember>> {
    return this.list(teamMemberSchema, TEAM_MEMBERS, { organizationId, teamId }, page);
  }

  listMembers(organizationId: string, page: { after: string | null; limit: number }): Promise<WirePage<WireOrganizationMember>> {
    return this.list(organizationMemberSchema, MEMBERS, { organizationId }, page);
  }

  getMember(organizationId: string, userId: string): Promise<WireOrganizationMember> {
    return this.get(organizationMemberSchema, MEMBER, { organizationId, userId });
  }

  /** The bulk delta: 204. A user both added and removed ends up removed. */
  async updateTeamMembers(organizationId: string, teamId: string, update: WireTeamMembersUpdate): Promise<void> {
    await this.http.request({ method: 'PUT', path: routePath(TEAM_MEMBERS, { organizationId, teamId }), json: update, idempotent: true });
  }

  /** The single-member upsert: adds the user or sets their role; 204. */
  async putTeamMember(organizationId: string, teamId: string, userId: string, role?: WireTeamRole): Promise<void> {
    const path = routePath(TEAM_MEMBER, { organizationId, teamId, userId });
    await this.http.request({ method: 'PUT', path, json: role === undefined ? {} : { role }, idempotent: true });
  }

  /**
   * Takes a user out of the organization (and so out of its teams): 205 removed, 204 not a member, 202 a removal
   * request sent to the organization's admins (the token's user may not remove members itself).
   */
  async deleteMember(organizationId: string, userId: string): Promise<'removed' | 'absent' | 'requested'> {
    const res = await this.http.request({ method: 'DELETE', path: routePath(MEMBER, { organizationId, userId }), idempotent: true });
    return res.status === 202 ? 'requested' : res.status === 204 ? 'absent' : 'removed';
  }

  /** True when a membership was deleted (205), false when there was none (204). */
  async deleteTeamMember(organizationId: string, teamId: string, userId: string): Promise<boolean> {
    const path = routePath(TEAM_MEMBER, { organizationId, teamId, userId });
    const res = await this.http.request({ method: 'DELETE', path, idempotent: true });
    return res.status !== 204;
  }
}
