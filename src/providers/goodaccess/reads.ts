// GoodAccess read calls: whole lists (the API has no paging) and single gets, validated at the boundary.
import type { HttpClient } from '../http.js';
import { routePath } from '../route-path.js';
import type { GroupRecord, MemberRecord } from '../types.js';
import { parseResponse } from '../validate.js';
import { notFound } from './ids.js';
import { groupFromWire, memberFromDetail, memberFromList } from './map.js';
import * as wire from './wire.js';

export const ROUTES = {
  members: '/members',
  member: '/member/{teamMemberId}',
  createMember: '/member',
  disconnect: '/member/{teamMemberId}/disconnect',
  groups: '/groups',
  group: '/group/{groupId}',
  groupMembers: '/relation/group/{groupId}/members',
  relation: '/relation/group/{groupId}/member/{teamMemberId}',
} as const;

/** Every GET is safe to resend. */
async function get(http: HttpClient, template: string, params: Record<string, string> = {}, accept404 = false) {
  return http.request({ method: 'GET', path: routePath(template, params), idempotent: true, accept: accept404 ? [404] : [] });
}

export async function fetchMembers(http: HttpClient): Promise<MemberRecord[]> {
  const res = await get(http, ROUTES.members);
  return parseResponse('GOODACCESS', wire.memberList, res.body, res.route).map((item) => memberFromList(item, null));
}

/** For reading back a member just written: a missing one is NOT_FOUND. */
export async function fetchMember(http: HttpClient, memberId: string): Promise<MemberRecord> {
  const member = await findMember(http, memberId);
  if (!member) throw notFound('member id', memberId);
  return member;
}

/** Null for an unknown member. */
export async function findMember(http: HttpClient, memberId: string): Promise<MemberRecord | null> {
  const res = await get(http, ROUTES.member, { teamMemberId: memberId }, true);
  if (res.status === 404) return null;
  return memberFromDetail(parseResponse('GOODACCESS', wire.memberDetail, res.body, res.route));
}

export async function fetchGroups(http: HttpClient): Promise<GroupRecord[]> {
  const res = await get(http, ROUTES.groups);
  return parseResponse('GOODACCESS', wire.groupList, res.body, res.route).map(groupFromWire);
}

/** Null for an unknown group. */
export async function findGroup(http: HttpClient, groupId: string): Promise<GroupRecord | null> {
  const res = await get(http, ROUTES.group, { groupId }, true);
  if (res.status === 404) return null;
  return groupFromWire(parseResponse('GOODACCESS', wire.group, res.body, res.route));
}

/** A group's members (list-shaped items); an unknown group is the client's NOT_FOUND. */
export async function fetchGroupMembers(http: HttpClient, groupId: string): Promise<MemberRecord[]> {
  const res = await get(http, ROUTES.groupMembers, { groupId });
  return parseResponse('GOODACCESS', wire.memberList, res.body, res.route).map((item) => memberFromList(item, groupId));
}
