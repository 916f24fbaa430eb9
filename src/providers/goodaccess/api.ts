// GoodAccess's REST calls, one method each: paths from templates, bodies validated; lists come whole (the API has no paging).
import type { HttpClient, HttpResponse } from '../http.js';
import { routePath } from '../route-path.js';
import { parseResponse } from '../validate.js';
import * as wire from './wire.js';

const ROUTES = {
  members: '/members',
  member: '/member/{teamMemberId}',
  createMember: '/member',
  disconnect: '/member/{teamMemberId}/disconnect',
  groups: '/groups',
  group: '/group/{groupId}',
  groupMembers: '/relation/group/{groupId}/members',
  relation: '/relation/group/{groupId}/member/{teamMemberId}',
} as const;

/**
 * Idempotency, as docs/providers/goodaccess.md#contract has it: a call is resent only where a repeat answers the same. A repeated
 * member POST creates a second member and a repeated DELETE gives 404, so neither is retried; the relation
 * POST (409 on a repeat, like Bird's) and DELETE (404 on a repeat) follow the same rule. PUT and disconnect
 * answer 200 every time, so they are retried; every GET is safe to resend.
 */
export class GoodAccessApi {
  constructor(private readonly http: HttpClient) {}

  private get(template: string, params: Record<string, string> = {}, accept404 = false): Promise<HttpResponse> {
    return this.http.request({ method: 'GET', path: routePath(template, params), idempotent: true, accept: accept404 ? [404] : [] });
  }

  async members(): Promise<wire.ListMember[]> {
    const res = await this.get(ROUTES.members);
    return parseResponse('GOODACCESS', wire.memberList, res.body, res.route);
  }

  /** Null for an unknown member. */
  async member(memberId: string): Promise<wire.MemberDetail | null> {
    const res = await this.get(ROUTES.member, { teamMemberId: memberId }, true);
    if (res.status === 404) return null;
    return parseResponse('GOODACCESS', wire.memberDetail, res.body, res.route);
  }

  async groups(): Promise<wire.Group[]> {
    const res = await this.get(ROUTES.groups);
    return parseResponse('GOODACCESS', wire.groupList, res.body, res.route);
  }

  /** Null for an unknown group. */
  async group(groupId: string): Promise<wire.Group | null> {
    const res = await this.get(ROUTES.group, { groupId }, true);
    if (res.status === 404) return null;
    return parseResponse('GOODACCESS', wire.group, res.body, res.route);
  }

  /** A group's members (list-shaped items); an unknown group is the client's NOT_FOUND. */
  async groupMembers(groupId: string): Promise<wire.ListMember[]> {
    const res = await this.get(ROUTES.groupMembers, { groupId });
    return parseResponse('GOODACCESS', wire.memberList, res.body, res.route);
  }

  /** False when the relation already existed (409); a 404 (unknown group or member) stays an error. */
  async addRelation(groupId: string, teamMemberId: string): Promise<boolean> {
    const res = await this.http.request({ method: 'POST', path: routePath(ROUTES.relation, { groupId, teamMemberId }), idempotent: false, accept: [409] });
    return res.status !== 409;
  }

  /** False on a 404, which GoodAccess answers alike for no such relation, group or member. */
  async deleteRelation(groupId: string, teamMemberId: string): Promise<boolean> {
    const res = await this.http.request({ method: 'DELETE', path: routePath(ROUTES.relation, { groupId, teamMemberId }), idempotent: false, accept: [404] });
    return res.status !== 404;
  }

  /** The new member's id. */
  async createMember(name: string, password: string): Promise<string> {
    const res = await this.http.request({
      method: 'POST',
      path: routePath(ROUTES.createMember),
      json: { name, password },
      idempotent: false,
      sensitive: [password],
    });
    return parseResponse('GOODACCESS', wire.created, res.body, res.route).created_id;
  }

  /** A partial PUT of the fields given. */
  async updateMember(memberId: string, body: { name?: string; password?: string }): Promise<void> {
    await this.http.request({
      method: 'PUT',
      path: routePath(ROUTES.member, { teamMemberId: memberId }),
      json: body,
      idempotent: true,
      sensitive: body.password === undefined ? [] : [body.password],
    });
  }

  async deleteMember(memberId: string): Promise<void> {
    await this.http.request({ method: 'DELETE', path: routePath(ROUTES.member, { teamMemberId: memberId }), idempotent: false });
  }

  async disconnectMember(memberId: string): Promise<void> {
    await this.http.request({ method: 'POST', path: routePath(ROUTES.disconnect, { teamMemberId: memberId }), idempotent: true });
  }
}
