// addMembers on every provider over HTTP: the payload, the state read back, and the upstream calls each plan makes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WRITE_CONCURRENCY } from '../../src/write-concurrency.js';
import type { BirdSimulator } from '../../src/sandbox/bird/index.js';
import { eventually } from '../support/eventually.js';
import { byRoute, gatewayForFile, startGateway } from '../support/gateway.js';
import { ADD_MEMBERS, groupId, groupMembers, measureConcurrency, outsiders, payload, plan, writes, type GroupChangePayload } from './support.js';

// Every test here changes membership: each starts from the seeded world.
const g = gatewayForFile({}, { resetEach: true });

async function add(input: Record<string, unknown>): Promise<GroupChangePayload> {
  return payload<GroupChangePayload>(await g.query(ADD_MEMBERS, { input }));
}

describe('addMembers on Cloudflare (native bulk POST)', () => {
  it('adds 10 account members with one POST, after one read that classifies them', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const people = await outsiders(g, 'CLOUDFLARE', group, 10);
    g.clearLogs();
    const result = await add({ groupId: group, members: people.map((m) => ({ memberId: m.memberId })), clientMutationId: 'cf-1' });
    expect(result.__typename).toBe('AddMembersSuccess');
    expect(result.clientMutationId).toBe('cf-1');
    expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual(people.map((m) => [m.memberId, 'ADDED']));
    expect(result.summary).toEqual({ added: 10, alreadyMembers: 0, removed: 0, notMembers: 0, failed: 0 });
    // One read of the group's members classifies ADDED / ALREADY_MEMBER; one POST of the bare array adds all ten.
    expect(plan(g.calls('CLOUDFLARE'))).toEqual([
      'GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200',
      'POST /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members 200',
    ]);
    expect(g.calls().length).toBe(2);

    const now = new Set((await groupMembers(g, group)).map((m) => m.memberId));
    for (const m of people) expect(now.has(m.memberId)).toBe(true);
  });

  it('is idempotent: the same call again is ALREADY_MEMBER for each, and sends no POST', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const people = (await outsiders(g, 'CLOUDFLARE', group, 3)).map((m) => ({ memberId: m.memberId }));
    await add({ groupId: group, members: people });
    g.clearLogs();
    const again = await add({ groupId: group, members: people });
    expect(again.changes?.map((c) => c.status)).toEqual(['ALREADY_MEMBER', 'ALREADY_MEMBER', 'ALREADY_MEMBER']);
    expect(writes(g.calls('CLOUDFLARE'))).toHaveLength(0);
  });

  it('reports a mixed change per member: ids the account does not have FAIL, the others are ADDED', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const people = await outsiders(g, 'CLOUDFLARE', group, 3);
    const unknown = 'f'.repeat(32);
    const result = await add({ groupId: group, members: [{ memberId: people[0]!.memberId }, { memberId: unknown }, { memberId: people[1]!.memberId }] });
    expect(result.__typename).toBe('AddMembersSuccess');
    expect(result.changes?.map((c) => c.status)).toEqual(['ADDED', 'FAILED', 'ADDED']);
    expect(result.changes?.[1]?.error).toMatchObject({ __typename: 'ValidationError', provider: 'CLOUDFLARE' });
    expect(result.summary).toMatchObject({ added: 2, failed: 1 });
    const now = new Set((await groupMembers(g, group)).map((m) => m.memberId));
    expect([now.has(people[0]!.memberId), now.has(unknown), now.has(people[1]!.memberId)]).toEqual([true, false, true]);
  });

  it('looks an e-mail up among the account members (the group endpoints take only member ids)', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [person] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const result = await add({ groupId: group, members: [{ email: person!.email!.toUpperCase() }, { email: 'nobody@example.com' }] });
    expect(result.changes?.map((c) => [c.status, c.memberId])).toEqual([
      ['ADDED', person!.memberId],
      ['FAILED', null],
    ]);
    expect(result.changes?.[1]?.error?.__typename).toBe('NotFoundError');
  });
});

describe('addMembers on GitBook (native bulk PUT with the role map)', () => {
  it('adds 10 organization members with one PUT, with the role asked for', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const people = await outsiders(g, 'GITBOOK', group, 10, 'Acme Documentation');
    g.clearLogs();
    const result = await add({ groupId: group, members: people.map((m) => ({ userId: m.memberId })), role: 'OWNER' });
    expect(result.summary).toMatchObject({ added: 10, failed: 0 });
    expect(plan(g.calls('GITBOOK'))).toEqual([
      'GET /v1/orgs/{organizationId}/teams/{teamId}/members 200',
      'PUT /v1/orgs/{organizationId}/teams/{teamId}/members 204',
    ]);
    const members = new Map((await groupMembers(g, group)).map((m) => [m.memberId, m]));
    for (const m of people) expect(members.get(m.memberId)?.role).toBe('OWNER');
  });

  it('adds by e-mail natively, and counts an existing member as ALREADY_MEMBER', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const [inside] = await groupMembers(g, group);
    const [outside] = await outsiders(g, 'GITBOOK', group, 1, 'Acme Documentation');
    const result = await add({ groupId: group, members: [{ email: outside!.email }, { memberId: inside!.memberId }] });
    expect(result.changes?.map((c) => c.status)).toEqual(['ADDED', 'ALREADY_MEMBER']);
    expect((await groupMembers(g, group)).some((m) => m.memberId === outside!.memberId)).toBe(true);
  });

  it('splits an atomic PUT refused for one bad reference, so only that one fails', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const people = await outsiders(g, 'GITBOOK', group, 2, 'Acme Documentation');
    const result = await add({ groupId: group, members: [{ userId: people[0]!.memberId }, { userId: 'no-such-user' }, { userId: people[1]!.memberId }] });
    expect(result.changes?.map((c) => c.status)).toEqual(['ADDED', 'FAILED', 'ADDED']);
    expect(result.changes?.[1]?.error?.provider).toBe('GITBOOK');
  });
});

describe('addMembers on Bird (no bulk call: bounded concurrent POSTs)', () => {
  it(`adds 10 users with 10 POSTs, never more than ${DEFAULT_WRITE_CONCURRENCY} at once`, async () => {
    const group = await groupId(g, 'BIRD', 'Sales');
    const sim = g.sandbox.servers.bird.simulator as BirdSimulator;
    const team = sim.snapshot().teams.find((t) => t.name === 'Sales')!;
    const inTeam = new Set(team.members.map((m) => m.id));
    const people = sim
      .snapshot()
      .userIds.filter((id) => !inTeam.has(id))
      .slice(0, 10);
    // Each POST takes 60 ms, so overlapping calls are visible in the log's durations.
    g.sandbox.servers.bird.faults.add({ kind: 'latency', latencyMs: 60, match: { method: 'POST' } });
    g.clearLogs();
    const meter = measureConcurrency(g.sandbox.servers.bird, 'POST');
    const result = await add({ groupId: group, members: people.map((userId) => ({ userId })) });
    const most = meter.stop();
    expect(result.summary).toMatchObject({ added: 10, failed: 0 });
    expect(byRoute(g.calls('BIRD'))).toEqual({
      'GET /organizations/{organizationId}/teams/{teamId}': 1,
      'POST /organizations/{organizationId}/teams/{teamId}/members': 10,
    });
    expect(most).toBeLessThanOrEqual(DEFAULT_WRITE_CONCURRENCY);
    expect(most).toBeGreaterThan(1);
    const now = new Set((await groupMembers(g, group)).map((m) => m.memberId));
    for (const id of people) expect(now.has(id)).toBe(true);
  });

  it('holds a configured concurrency (TEAMGRAPH_WRITE_CONCURRENCY=2)', async () => {
    const narrow = await startGateway({ writeConcurrency: 2 });
    try {
      const group = await groupId(narrow, 'BIRD', 'Sales');
      const sim = narrow.sandbox.servers.bird.simulator as BirdSimulator;
      const inTeam = new Set(
        sim
          .snapshot()
          .teams.find((t) => t.name === 'Sales')!
          .members.map((m) => m.id),
      );
      const people = sim
        .snapshot()
        .userIds.filter((id) => !inTeam.has(id))
        .slice(0, 6);
      narrow.sandbox.servers.bird.faults.add({ kind: 'latency', latencyMs: 60, match: { method: 'POST' } });
      const meter = measureConcurrency(narrow.sandbox.servers.bird, 'POST');
      const input = { groupId: group, members: people.map((userId) => ({ userId })) };
      const result = payload<GroupChangePayload>(await narrow.query(ADD_MEMBERS, { input }));
      expect(result.summary).toMatchObject({ added: 6, failed: 0 });
      expect(meter.stop()).toBe(2);
    } finally {
      await narrow.stop();
    }
  });

  it('maps 409 to ALREADY_MEMBER and an unknown user to one FAILED member, the rest applied', async () => {
    const group = await groupId(g, 'BIRD', 'Sales');
    const sim = g.sandbox.servers.bird.simulator as BirdSimulator;
    const team = sim.snapshot().teams.find((t) => t.name === 'Sales')!;
    const inTeam = new Set(team.members.map((m) => m.id));
    const [fresh] = sim.snapshot().userIds.filter((id) => !inTeam.has(id));
    const unknown = '00000000-0000-4000-8000-000000000000';
    const result = await add({ groupId: group, members: [{ userId: team.members[0]!.id }, { userId: unknown }, { userId: fresh }] });
    expect(result.changes?.map((c) => c.status)).toEqual(['ALREADY_MEMBER', 'FAILED', 'ADDED']);
    expect(result.changes?.[1]?.error).toMatchObject({ __typename: 'NotFoundError', provider: 'BIRD' });
  });
});

describe('addMembers on Checkmarx (read-modify-write through the replace PUT)', () => {
  it('adds several users with one read and one PUT of the whole list', async () => {
    const group = await groupId(g, 'CHECKMARX', 'QA');
    const people = await outsiders(g, 'CHECKMARX', group, 5);
    const before = await groupMembers(g, group);
    g.clearLogs();
    const result = await add({ groupId: group, members: people.map((m) => ({ userId: m.memberId })) });
    expect(result.summary).toMatchObject({ added: 5, failed: 0 });
    // One read to build the new list (the adapter classifies against it rather than reading again), one PUT.
    expect(plan(g.calls('CHECKMARX'))).toEqual(['GET /cxrestapi/auth/Teams/{teamId}/Users 200', 'PUT /cxrestapi/auth/Teams/{teamId}/Users 204']);
    const now = new Set((await groupMembers(g, group)).map((m) => m.memberId));
    for (const m of [...before, ...people]) expect(now.has(m.memberId)).toBe(true);
  });

  it('splits a PUT refused for an unknown user into single adds, so only that one fails', async () => {
    const group = await groupId(g, 'CHECKMARX', 'QA');
    const people = await outsiders(g, 'CHECKMARX', group, 2);
    const result = await add({ groupId: group, members: [{ userId: people[0]!.memberId }, { userId: '99999' }, { userId: people[1]!.memberId }] });
    expect(result.changes?.map((c) => c.status)).toEqual(['ADDED', 'FAILED', 'ADDED']);
  });
});

describe('a change whose client hangs up', () => {
  it('runs to its end: the reads between its writes go on, so every member is added', async () => {
    const own = await startGateway({ writeConcurrency: 1 });
    try {
      const group = await groupId(own, 'CHECKMARX', 'QA');
      const people = await outsiders(own, 'CHECKMARX', group, 2);
      own.clearLogs();
      // The replace PUT is refused (an unknown user), so each user is added alone, one at a time: a read, then a POST,
      // each POST 300 ms late. The client leaves once the first POST has answered; the reads after it must still go.
      own.sandbox.servers.checkmarx.faults.add({
        kind: 'latency',
        latencyMs: 300,
        match: { method: 'POST', route: '/cxrestapi/auth/Teams/{teamId}/Users/{userId}' },
      });
      const leaving = new AbortController();
      const members = [{ userId: people[0]!.memberId }, { userId: '99999' }, { userId: people[1]!.memberId }];
      const sent = fetch(own.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
        body: JSON.stringify({ query: ADD_MEMBERS, variables: { input: { groupId: group, members } } }),
        signal: leaving.signal,
      });
      const posts = () => own.calls('CHECKMARX').filter((call) => call.method === 'POST');
      await eventually(() => posts().length === 1, 'the first POST');
      leaving.abort();
      await expect(sent).rejects.toThrow(/abort/i);
      await eventually(() => posts().length === members.length, 'every POST of the change');
      const now = new Set((await groupMembers(own, group)).map((m) => m.memberId));
      expect(people.map((m) => now.has(m.memberId))).toEqual([true, true]);
    } finally {
      await own.stop();
    }
  });
});

describe('addMembers on GoodAccess (relation POSTs)', () => {
  it('adds each member with one relation POST', async () => {
    const group = await groupId(g, 'GOODACCESS', 'Guests');
    const people = await outsiders(g, 'GOODACCESS', group, 3);
    g.clearLogs();
    const result = await add({ groupId: group, members: people.map((m) => ({ memberId: m.memberId })), role: 'MEMBER' });
    expect(result.summary).toMatchObject({ added: 3 });
    // One read that the group exists (before sending N calls), then a relation POST per member.
    expect(plan(g.calls('GOODACCESS'))).toEqual([
      'GET /api/v1/group/{groupId} 200',
      ...Array<string>(3).fill('POST /api/v1/relation/group/{groupId}/member/{teamMemberId} 200'),
    ]);
    const again = await add({ groupId: group, members: people.map((m) => ({ memberId: m.memberId })) });
    expect(again.changes?.map((c) => c.status)).toEqual(['ALREADY_MEMBER', 'ALREADY_MEMBER', 'ALREADY_MEMBER']);
    const now = new Set((await groupMembers(g, group)).map((m) => m.memberId));
    for (const m of people) expect(now.has(m.memberId)).toBe(true);
  });
});
