// removeMembers on every provider over HTTP: REMOVED / NOT_A_MEMBER, the state read back, and each plan's upstream calls.
import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { byRoute, gatewayForFile } from '../support/gateway.js';
import {
  groupId,
  groupMembers,
  organizationId,
  organizationMembers,
  outsiders,
  payload,
  plan,
  REMOVE_MEMBERS,
  writes,
  type GroupChangePayload,
} from './support.js';

// Every test here changes membership: each starts from the seeded world.
const g = gatewayForFile({}, { resetEach: true });

async function remove(group: string, memberIds: string[]): Promise<GroupChangePayload> {
  return payload<GroupChangePayload>(await g.query(REMOVE_MEMBERS, { input: { groupId: group, memberIds, clientMutationId: 'rm' } }));
}

/** Removes `count` members, checks the payload and the state, and that a repeat is NOT_A_MEMBER with no write. */
async function removesAndRepeats(provider: ProviderId, name: string, count: number, orgName?: string): Promise<string[]> {
  const group = await groupId(g, provider, name, orgName);
  const victims = (await groupMembers(g, group)).slice(0, count);
  g.clearLogs();
  const result = await remove(
    group,
    victims.map((m) => m.id),
  );
  const calls = plan(g.calls(provider));
  expect(result.__typename).toBe('RemoveMembersSuccess');
  expect(result.clientMutationId).toBe('rm');
  expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual(victims.map((m) => [m.memberId, 'REMOVED']));
  const left = new Set((await groupMembers(g, group)).map((m) => m.memberId));
  for (const m of victims) expect(left.has(m.memberId)).toBe(false);

  g.clearLogs();
  const again = await remove(
    group,
    victims.map((m) => m.id),
  );
  expect(again.changes?.map((c) => c.status)).toEqual(victims.map(() => 'NOT_A_MEMBER'));
  expect(again.summary).toMatchObject({ removed: 0, notMembers: count });
  return calls;
}

describe('removeMembers', () => {
  it('GitBook: one read and one bulk PUT `{remove}` for many; a repeat sends no write', async () => {
    const calls = await removesAndRepeats('GITBOOK', 'Design', 3, 'Acme Documentation');
    expect(calls).toEqual(['GET /v1/orgs/{organizationId}/teams/{teamId}/members 200', 'PUT /v1/orgs/{organizationId}/teams/{teamId}/members 204']);
    expect(writes(g.calls('GITBOOK'))).toHaveLength(0);
  });

  it('Bird: a DELETE per member (bounded concurrency); a repeat maps 404 to NOT_A_MEMBER', async () => {
    const calls = await removesAndRepeats('BIRD', 'Design', 4);
    expect(calls).toEqual([
      'GET /organizations/{organizationId}/teams/{teamId} 200',
      ...Array<string>(4).fill('DELETE /organizations/{organizationId}/teams/{teamId}/members/{teamMemberId} 204'),
    ]);
    expect(byRoute(g.calls('BIRD'))['DELETE /organizations/{organizationId}/teams/{teamId}/members/{teamMemberId}']).toBe(4);
  });

  it('Checkmarx: one read and one PUT of the reduced list (the adapter classifies against that read); a repeat sends no write', async () => {
    const calls = await removesAndRepeats('CHECKMARX', 'Engineering', 5);
    expect(calls).toEqual(['GET /cxrestapi/auth/Teams/{teamId}/Users 200', 'PUT /cxrestapi/auth/Teams/{teamId}/Users 204']);
    expect(writes(g.calls('CHECKMARX'))).toHaveLength(0);
  });

  it('Cloudflare: many members from a 600-member group by one read (its 2 pages of 500, the second once the first says it exists) and one PUT (3 calls, not 10 DELETEs)', async () => {
    const calls = await removesAndRepeats('CLOUDFLARE', 'Engineering', 10);
    expect(byRoute(g.calls('CLOUDFLARE'))).toEqual({ 'GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members': 2 });
    expect(calls).toEqual([
      ...Array<string>(2).fill('GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200'),
      'PUT /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200',
    ]);
  });

  it('Cloudflare: two members by one PUT after the read (a DELETE each would be one call more)', async () => {
    const calls = await removesAndRepeats('CLOUDFLARE', 'Engineering', 2);
    expect(calls).toEqual([
      ...Array<string>(2).fill('GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200'),
      'PUT /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200',
    ]);
  });

  it('Cloudflare: one member of several asked by one DELETE (the others are not in the group)', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [inside] = await groupMembers(g, group);
    const strangers = await outsiders(g, 'CLOUDFLARE', group, 2);
    g.clearLogs();
    const result = await remove(group, [inside!.id, ...strangers.map((m) => m.id)]);
    expect(result.changes?.map((c) => c.status)).toEqual(['REMOVED', 'NOT_A_MEMBER', 'NOT_A_MEMBER']);
    expect(plan(g.calls('CLOUDFLARE'))).toEqual([
      'GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200',
      'DELETE /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members/{member_id} 200',
    ]);
  });

  it('GoodAccess: a relation DELETE per member', async () => {
    const calls = await removesAndRepeats('GOODACCESS', 'Sales', 2);
    expect(calls).toEqual([
      'GET /api/v1/group/{groupId} 200',
      'DELETE /api/v1/relation/group/{groupId}/member/{teamMemberId} 200',
      'DELETE /api/v1/relation/group/{groupId}/member/{teamMemberId} 200',
    ]);
  });

  it('takes organization-level Member ids, and mixes REMOVED with NOT_A_MEMBER', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [inside] = await groupMembers(g, group);
    const [outside] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const result = await remove(group, [inside!.id, outside!.id]);
    expect(result.changes?.map((c) => c.status)).toEqual(['REMOVED', 'NOT_A_MEMBER']);
  });

  it('refuses a Member id of another group before any call', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const other = await groupId(g, 'GITBOOK', 'Legal', 'Acme Documentation');
    const [stranger] = await groupMembers(g, other);
    g.clearLogs();
    const result = await remove(group, [stranger!.id]);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'memberIds', '0'] });
    expect(g.calls()).toHaveLength(0);
  });
});

/** What a normalized client cache needs from a change: the Member id of the membership, and whether it is gone. */
interface ChangeIds {
  status: string;
  memberId: string | null;
  memberGlobalId: string | null;
  removedMemberId: string | null;
}

const IDS = 'changes { status memberId memberGlobalId removedMemberId }';

async function changeIds(mutation: 'removeMembers' | 'setMembers' | 'addMembers', input: Record<string, unknown>): Promise<ChangeIds[]> {
  const type = `${mutation.slice(0, 1).toUpperCase()}${mutation.slice(1)}`;
  const result = payload<{ __typename: string; changes?: ChangeIds[] }>(
    await g.query(`mutation($input: ${type}Input!) { ${mutation}(input: $input) { __typename ... on ${type}Success { ${IDS} } } }`, { input }),
  );
  expect(result.__typename).toBe(`${type}Success`);
  return result.changes!;
}

describe('changes carry the Member id of the membership (for Relay @deleteEdge and Apollo cache.evict)', () => {
  const groups: Array<[ProviderId, string, string?]> = [
    ['GOODACCESS', 'Sales'],
    ['GITBOOK', 'Design', 'Acme Documentation'],
    ['BIRD', 'Design'],
    ['CHECKMARX', 'Engineering'],
    ['CLOUDFLARE', 'Marketing'],
  ];

  it.each(
    groups,
  )("%s: removeMembers gives back the ids the group's members connection gave, REMOVED and then NOT_A_MEMBER", async (provider, name, orgName) => {
    const group = await groupId(g, provider, name, orgName);
    const ids = (await groupMembers(g, group)).slice(0, 2).map((m) => m.id);
    expect(ids).toHaveLength(2);
    const removed = await changeIds('removeMembers', { groupId: group, memberIds: ids });
    expect(removed.map((c) => [c.status, c.memberGlobalId, c.removedMemberId])).toEqual(ids.map((id) => ['REMOVED', id, id]));
    const again = await changeIds('removeMembers', { groupId: group, memberIds: ids });
    expect(again.map((c) => [c.status, c.memberGlobalId, c.removedMemberId])).toEqual(ids.map((id) => ['NOT_A_MEMBER', id, id]));
  });

  it("an organization-level Member id given: the change names the group's membership, not the id given", async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [inside] = await groupMembers(g, group);
    const orgLevel = (await organizationMembers(g, await organizationId(g, 'CLOUDFLARE'))).find((m) => m.memberId === inside!.memberId);
    expect(orgLevel, 'the group member is listed by its account').toBeDefined();
    expect(orgLevel!.id).not.toBe(inside!.id);
    const [change] = await changeIds('removeMembers', { groupId: group, memberIds: [orgLevel!.id] });
    expect(change).toMatchObject({ status: 'REMOVED', memberGlobalId: inside!.id, removedMemberId: inside!.id });
  });

  it('addMembers: ADDED and ALREADY_MEMBER carry the id the members connection gives them, and no removedMemberId', async () => {
    // Cloudflare: the outsider is named by its user id, which is looked up to its account member id.
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [member] = await groupMembers(g, group);
    const [outsider] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const changes = await changeIds('addMembers', { groupId: group, members: [{ memberId: member!.memberId }, { userId: outsider!.userId }] });
    const now = new Map((await groupMembers(g, group)).map((m) => [m.memberId, m.id]));
    expect(changes.map((c) => [c.status, c.memberGlobalId, c.removedMemberId])).toEqual([
      ['ALREADY_MEMBER', member!.id, null],
      ['ADDED', now.get(outsider!.memberId), null],
    ]);
  });

  it('setMembers: only the dropped members carry removedMemberId, equal to their ids before', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const before = await groupMembers(g, group);
    expect(before.length).toBeGreaterThan(2);
    const [kept, ...dropped] = before;
    const changes = await changeIds('setMembers', { groupId: group, members: [{ memberId: kept!.memberId }] });
    expect(changes[0]).toEqual({ status: 'ALREADY_MEMBER', memberId: kept!.memberId, memberGlobalId: kept!.id, removedMemberId: null });
    expect(
      changes
        .slice(1)
        .map((c) => [c.status, c.removedMemberId])
        .sort(),
    ).toEqual(dropped.map((m) => ['REMOVED', m.id]).sort());
  });
});
