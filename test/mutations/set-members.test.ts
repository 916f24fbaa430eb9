// setMembers on every provider over HTTP: the set afterwards is exactly the one given; native PUTs where the API has them.
import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import type { BirdSimulator } from '../../src/sandbox/bird/index.js';
import { gatewayForFile } from '../support/gateway.js';
import { groupId, groupMembers, outsiders, payload, plan, SET_MEMBERS, writes, type GroupChangePayload } from './support.js';

// Every test here changes membership: each starts from the seeded world.
const g = gatewayForFile({}, { resetEach: true });

async function set(group: string, members: Array<Record<string, string>>): Promise<GroupChangePayload> {
  return payload<GroupChangePayload>(await g.query(SET_MEMBERS, { input: { groupId: group, members } }));
}

/** Candidates to add: organization members outside the group (Bird, which lists no organization members: its directory). */
async function newcomers(provider: ProviderId, group: string, name: string, count: number, orgName?: string): Promise<string[]> {
  if (provider !== 'BIRD') return (await outsiders(g, provider, group, count, orgName)).map((m) => m.memberId);
  const sim = g.sandbox.servers.bird.simulator as BirdSimulator;
  const inTeam = new Set(
    sim
      .snapshot()
      .teams.find((t) => t.name === name)!
      .members.map((m) => m.id),
  );
  return sim
    .snapshot()
    .userIds.filter((id) => !inTeam.has(id))
    .slice(0, count);
}

/** Keeps two members, adds two, drops the rest; checks the payload and the set read back. Returns the calls it made. */
async function replaces(provider: ProviderId, name: string, orgName?: string): Promise<string[]> {
  const group = await groupId(g, provider, name, orgName);
  const before = await groupMembers(g, group);
  expect(before.length, `${name} has members to keep and to drop`).toBeGreaterThan(2);
  const kept = before.slice(0, 2).map((m) => m.memberId);
  const dropped = before.slice(2).map((m) => m.memberId);
  const added = await newcomers(provider, group, name, 2, orgName);
  g.clearLogs();
  const result = await set(
    group,
    [...kept, ...added].map((memberId) => ({ memberId })),
  );
  const calls = plan(g.calls(provider));
  expect(result.__typename).toBe('SetMembersSuccess');
  expect(result.changes?.slice(0, 4).map((c) => [c.memberId, c.status])).toEqual([
    [kept[0], 'ALREADY_MEMBER'],
    [kept[1], 'ALREADY_MEMBER'],
    [added[0], 'ADDED'],
    [added[1], 'ADDED'],
  ]);
  const removedIds = result.changes?.slice(4).map((c) => c.memberId);
  expect(new Set(removedIds)).toEqual(new Set(dropped));
  expect(result.changes?.slice(4).every((c) => c.status === 'REMOVED')).toBe(true);
  expect(result.summary).toEqual({ added: 2, alreadyMembers: 2, removed: dropped.length, notMembers: 0, failed: 0 });

  const after = (await groupMembers(g, group)).map((m) => m.memberId);
  expect(new Set(after)).toEqual(new Set([...kept, ...added]));

  // The same call again changes nothing and writes nothing.
  g.clearLogs();
  const again = await set(
    group,
    [...kept, ...added].map((memberId) => ({ memberId })),
  );
  expect(again.summary).toEqual({ added: 0, alreadyMembers: 4, removed: 0, notMembers: 0, failed: 0 });
  if (provider !== 'CHECKMARX' && provider !== 'CLOUDFLARE') expect(writes(g.calls(provider))).toHaveLength(0);
  return calls;
}

describe('setMembers', () => {
  it('Checkmarx: the native replace, one PUT (after the read that classifies)', async () => {
    const calls = await replaces('CHECKMARX', 'QA');
    expect(calls).toEqual(['GET /cxrestapi/auth/Teams/{teamId}/Users 200', 'PUT /cxrestapi/auth/Teams/{teamId}/Users 204']);
  });

  it('Cloudflare: the native replace, one PUT of the bare array', async () => {
    const calls = await replaces('CLOUDFLARE', 'Marketing');
    expect(calls).toEqual([
      'GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200',
      'PUT /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200',
    ]);
  });

  it('GitBook: emulated with the bulk calls: read, one PUT {add}, one PUT {remove}', async () => {
    const calls = await replaces('GITBOOK', 'Design', 'Acme Documentation');
    expect(calls.filter((c) => c.startsWith('PUT'))).toEqual([
      'PUT /v1/orgs/{organizationId}/teams/{teamId}/members 204',
      'PUT /v1/orgs/{organizationId}/teams/{teamId}/members 204',
    ]);
  });

  it('Bird: emulated: read the set, POST the missing, DELETE the extra', async () => {
    const calls = await replaces('BIRD', 'Leadership');
    expect(calls.filter((c) => c.startsWith('POST '))).toEqual(Array(2).fill('POST /organizations/{organizationId}/teams/{teamId}/members 201'));
    expect(calls.filter((c) => c.startsWith('DELETE '))).toHaveLength(4);
  });

  it('GoodAccess: emulated with relation POSTs and DELETEs', async () => {
    const calls = await replaces('GOODACCESS', 'Finance');
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
  });

  it('an empty list clears the group', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const result = await set(group, []);
    expect(result.summary?.removed).toBeGreaterThan(0);
    expect(await groupMembers(g, group)).toEqual([]);
  });

  it('a reference that names no one stops the whole replace before any write', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const before = await groupMembers(g, group);
    g.clearLogs();
    const result = await set(group, [{ memberId: before[0]!.memberId }, { email: 'nobody@example.com' }]);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'members', '1', 'email'], provider: 'CLOUDFLARE' });
    expect(writes(g.calls('CLOUDFLARE'))).toHaveLength(0);
    expect((await groupMembers(g, group)).length).toBe(before.length);
  });
});
