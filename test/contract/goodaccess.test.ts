// The GoodAccess adapter against its simulator over real HTTP: reads, batching, writes, errors and resilience.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createGoodAccessSimulator, type GoodAccessSimulator } from '../../src/sandbox/goodaccess/index.js';
import { createGoodAccessAdapter, type GoodAccessAdapterConfig } from '../../src/providers/goodaccess/index.js';
import type { CallEvent } from '../../src/providers/http.js';
import { ProviderError, type MemberRecord, type ProviderAdapter } from '../../src/providers/types.js';

const ORG = 'tenant';
const BASE = '/api/v1';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const BAD_IDS = ['../x', 'a/b', '%2F', '..', ''];
const FAST = { timeouts: { headersMs: 300, deadlineMs: 1500 }, retry: { baseDelayMs: 5 } };

let sim: GoodAccessSimulator;
let server: SimServer;
let adapter: ProviderAdapter;
const extraAdapters: ProviderAdapter[] = [];

function makeAdapter(overrides: Partial<GoodAccessAdapterConfig> = {}): ProviderAdapter {
  const created = createGoodAccessAdapter({ baseUrl: server.baseUrl, token: 'sandbox-token', http: FAST, ...overrides });
  extraAdapters.push(created);
  return created;
}

/** `METHOD /route/{template}` of every request the simulator answered since the last clear. */
const calls = () => server.log.list().map((e) => `${e.method} ${e.route}`);

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected the call to fail');
}

const members = () => [...sim.state.members.values()];
const groupNamed = (name: string) => [...sim.state.groups.values()].find((g) => g.name === name)!;
const membersOf = (groupId: string) => [...sim.state.relations.get(groupId)!];

beforeAll(async () => {
  sim = createGoodAccessSimulator();
  server = await new SimServer(sim).start();
  adapter = createGoodAccessAdapter({ baseUrl: server.baseUrl, token: 'sandbox-token', organizationName: 'Acme VPN' });
});

afterAll(async () => {
  await Promise.all([adapter.close(), ...extraAdapters.map((a) => a.close())]);
  await server.stop();
});

beforeEach(() => server.reset());

describe('identity and organization', () => {
  it('declares honest capabilities', () => {
    expect(adapter.id).toBe('GOODACCESS');
    expect(adapter.name).toBe('GoodAccess');
    expect(adapter.capabilities).toMatchObject({
      organizations: 'single',
      groupKind: 'userGroup',
      organizationMembers: true,
      memberRoles: false,
      pagination: 'none',
      filters: { status: false, emailContains: false, groupName: false },
    });
    expect(adapter.capabilities.writes).toEqual({
      addMember: true,
      addMembersBulk: false,
      removeMember: true,
      removeMembersBulk: false,
      replaceMembers: false,
      setMemberRole: false,
      refsByEmail: false,
      createMember: true,
      updateMember: true,
      deleteMember: true,
      disconnectMember: true,
      // Its member is the membership: DELETE_MEMBER removes them, there is no separate organization removal.
      removeOrganizationMember: false,
    });
    expect(adapter.replaceMembers).toBeUndefined();
    expect(adapter.setMemberRole).toBeUndefined();
  });

  it("serves the token's tenant with no upstream call; any other id is NOT_FOUND", async () => {
    const page = await adapter.listOrganizations({ size: 10 });
    expect(page).toMatchObject({ next: null, totalCount: 1 });
    expect(page.items).toEqual([{ provider: 'GOODACCESS', id: 'tenant', name: 'Acme VPN', raw: expect.any(Object) }]);
    const [found, missing] = await adapter.getOrganizations(['tenant', 'acme']);
    expect(found).toMatchObject({ id: 'tenant', name: 'Acme VPN' });
    expect(missing).toMatchObject({ kind: 'NOT_FOUND' });
    expect((await makeAdapter().listOrganizations({ size: 1 })).items[0]?.name).toBe('GoodAccess tenant');
    expect((await failure(adapter.listGroups('other', { size: 10 }))).kind).toBe('NOT_FOUND');
    expect(server.log.list()).toEqual([]);
  });
});

describe('reading members', () => {
  it('returns all 40 members in one page at every page size, none missed or repeated', async () => {
    for (const size of [1, 7, 100, adapter.capabilities.maxPageSize]) {
      server.log.clear();
      const page = await adapter.listOrganizationMembers(ORG, { size });
      expect(page.next).toBeNull();
      expect(page.totalCount).toBe(40);
      expect(new Set(page.items.map((m) => m.memberId)).size).toBe(40);
      expect(page.items.map((m) => m.memberId).sort()).toEqual(
        members()
          .map((m) => m.id)
          .sort(),
      );
      expect(calls()).toEqual([`GET ${BASE}/members`]);
    }
  });

  it('maps list items: blocked status, MFA, e-mail login, UTC created time, raw kept', async () => {
    const page = await adapter.listOrganizationMembers(ORG, { size: 50 });
    const blocked = members().find((m) => m.blocked)!;
    const record = page.items.find((m) => m.memberId === blocked.id)!;
    expect(record).toMatchObject({
      provider: 'GOODACCESS',
      organizationId: 'tenant',
      groupId: null,
      userId: blocked.id,
      displayName: blocked.name,
      email: blocked.username,
      username: blocked.username,
      status: 'BLOCKED',
      mfaEnabled: blocked.mfaActive,
      role: null,
      createdAt: new Date(blocked.createdAt).toISOString(),
    });
    expect(record.raw).toMatchObject({ is_user_blocked: true, username: blocked.username });
    expect(page.items.filter((m) => m.status === 'ACTIVE')).toHaveLength(members().filter((m) => !m.blocked).length);
    expect(page.items.filter((m) => m.mfaEnabled)).toHaveLength(members().filter((m) => m.mfaActive).length);
  });

  it('refuses a page token it never gave out', async () => {
    const error = await failure(adapter.listOrganizationMembers(ORG, { size: 10, after: 'abc' }));
    expect(error.kind).toBe('INVALID');
    expect(server.log.list()).toEqual([]);
  });

  it('getOrganizationMembers: one id costs one get, several cost one list call', async () => {
    const [a, b, c] = members();
    const [one] = await adapter.getOrganizationMembers(ORG, [a!.id]);
    expect(calls()).toEqual([`GET ${BASE}/member/{teamMemberId}`]);
    // The get shape names the fields differently and has no created_at.
    expect(one).toMatchObject({ memberId: a!.id, email: a!.username, displayName: a!.name, createdAt: null });

    server.log.clear();
    const many = await adapter.getOrganizationMembers(ORG, [c!.id, UNKNOWN_ID, a!.id, 'bad/id', c!.id.toUpperCase(), b!.id]);
    expect(calls()).toEqual([`GET ${BASE}/members`]);
    expect((many[0] as MemberRecord).memberId).toBe(c!.id);
    expect(many[1]).toMatchObject({ kind: 'NOT_FOUND' });
    expect((many[2] as MemberRecord).memberId).toBe(a!.id);
    expect(many[3]).toMatchObject({ kind: 'INVALID' });
    expect((many[4] as MemberRecord).memberId).toBe(c!.id);
    expect((many[5] as MemberRecord).memberId).toBe(b!.id);

    server.log.clear();
    expect(await adapter.getOrganizationMembers(ORG, [UNKNOWN_ID])).toEqual([expect.objectContaining({ kind: 'NOT_FOUND' })]);
    expect(calls()).toEqual([`GET ${BASE}/member/{teamMemberId}`]);
  });
});

describe('reading groups and their members', () => {
  it('lists the 6 groups as user groups with no member count', async () => {
    const page = await adapter.listGroups(ORG, { size: 2 });
    expect(page.next).toBeNull();
    expect(page.items.map((g) => g.name)).toEqual(['Engineering', 'Sales', 'Support', 'Finance', 'Contractors', 'Guests']);
    expect(page.items[0]).toMatchObject({ kind: 'userGroup', organizationId: 'tenant', memberCount: null, parentId: null });
    expect(page.items[0]?.raw).toHaveProperty('geo_restriction_included');
    expect(calls()).toEqual([`GET ${BASE}/groups`]);
  });

  it('getGroups: one id costs one get, several cost one list call', async () => {
    const eng = groupNamed('Engineering');
    const guests = groupNamed('Guests');
    const [one] = await adapter.getGroups(ORG, [eng.id]);
    expect(one).toMatchObject({ id: eng.id, name: 'Engineering' });
    expect(calls()).toEqual([`GET ${BASE}/group/{groupId}`]);

    server.log.clear();
    const many = await adapter.getGroups(ORG, [guests.id, UNKNOWN_ID, eng.id, guests.id]);
    expect(many.map((g) => (g instanceof ProviderError ? g.kind : g.name))).toEqual(['Guests', 'NOT_FOUND', 'Engineering', 'Guests']);
    expect(calls()).toEqual([`GET ${BASE}/groups`]);

    server.log.clear();
    expect(await adapter.getGroups(ORG, [UNKNOWN_ID])).toEqual([expect.objectContaining({ kind: 'NOT_FOUND' })]);
  });

  it("lists a group's members from its relations, with the group id on each record", async () => {
    const eng = groupNamed('Engineering');
    const page = await adapter.listGroupMembers({ organizationId: ORG, groupId: eng.id }, { size: 3 });
    expect(page.items.map((m) => m.memberId)).toEqual(membersOf(eng.id));
    expect(page.items.every((m) => m.groupId === eng.id)).toBe(true);
    expect(page.next).toBeNull();
    const empty = await adapter.listGroupMembers({ organizationId: ORG, groupId: groupNamed('Guests').id }, { size: 3 });
    expect(empty.items).toEqual([]);
    const missing = await failure(adapter.listGroupMembers({ organizationId: ORG, groupId: UNKNOWN_ID }, { size: 3 }));
    expect(missing.kind).toBe('NOT_FOUND');
  });

  it('getGroupMembers for 5 ids costs 1 call', async () => {
    const eng = groupNamed('Engineering');
    const inGroup = membersOf(eng.id);
    const outside = members().find((m) => !inGroup.includes(m.id))!;
    const ids = [inGroup[0]!, outside.id, inGroup[1]!, inGroup[0]!, inGroup[2]!];
    const result = await adapter.getGroupMembers({ organizationId: ORG, groupId: eng.id }, ids);
    expect(calls()).toEqual([`GET ${BASE}/relation/group/{groupId}/members`]);
    expect(result.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual([inGroup[0], 'NOT_FOUND', inGroup[1], inGroup[0], inGroup[2]]);
  });
});

describe('ids', () => {
  it('rejects malformed ids before any call', async () => {
    const guests = groupNamed('Guests').id;
    const member = members()[0]!.id;
    for (const bad of BAD_IDS) {
      server.log.clear();
      const attempts = [
        adapter.listGroupMembers({ organizationId: ORG, groupId: bad }, { size: 5 }),
        adapter.getGroupMembers({ organizationId: ORG, groupId: bad }, [member]),
        adapter.addMember!({ organizationId: ORG, groupId: guests }, { memberId: bad }),
        adapter.removeMember!({ organizationId: ORG, groupId: bad }, { memberId: member }),
        adapter.updateMember!(ORG, bad, { name: 'X' }),
        adapter.deleteMember!(ORG, bad),
        adapter.disconnectMember!(ORG, bad),
      ];
      for (const attempt of attempts) expect((await failure(attempt)).kind, JSON.stringify(bad)).toBe('INVALID');
      expect(await adapter.getGroups(ORG, [bad])).toEqual([expect.objectContaining({ kind: 'INVALID' })]);
      expect(await adapter.getOrganizationMembers(ORG, [bad, bad])).toEqual([
        expect.objectContaining({ kind: 'INVALID' }),
        expect.objectContaining({ kind: 'INVALID' }),
      ]);
      expect(server.log.list(), JSON.stringify(bad)).toEqual([]);
    }
  });
});

describe('membership writes', () => {
  it('addMember: ADDED, then ALREADY_MEMBER on the 409; the relation is there', async () => {
    const group = { organizationId: ORG, groupId: groupNamed('Guests').id };
    const memberId = members()[5]!.id;
    expect(await adapter.addMember!(group, { memberId })).toEqual({ ref: { memberId }, status: 'ADDED' });
    expect(await adapter.addMember!(group, { memberId }, 'MEMBER')).toEqual({ ref: { memberId }, status: 'ALREADY_MEMBER' });
    expect(calls()).toEqual([`POST ${BASE}/relation/group/{groupId}/member/{teamMemberId}`, `POST ${BASE}/relation/group/{groupId}/member/{teamMemberId}`]);
    expect((await adapter.listGroupMembers(group, { size: 10 })).items.map((m) => m.memberId)).toEqual([memberId]);
  });

  it('addMember: an unknown member or group is NOT_FOUND; e-mail refs and owners are UNSUPPORTED with no call', async () => {
    const guests = groupNamed('Guests').id;
    expect((await failure(adapter.addMember!({ organizationId: ORG, groupId: guests }, { memberId: UNKNOWN_ID }))).kind).toBe('NOT_FOUND');
    expect((await failure(adapter.addMember!({ organizationId: ORG, groupId: UNKNOWN_ID }, { memberId: members()[0]!.id }))).kind).toBe('NOT_FOUND');
    server.log.clear();
    expect((await failure(adapter.addMember!({ organizationId: ORG, groupId: guests }, { email: 'a@b.c' }))).kind).toBe('UNSUPPORTED');
    expect((await failure(adapter.addMember!({ organizationId: ORG, groupId: guests }, { memberId: members()[0]!.id }, 'OWNER'))).kind).toBe('UNSUPPORTED');
    expect(server.log.list()).toEqual([]);
  });

  it('removeMember: REMOVED in one call; NOT_A_MEMBER confirmed by two gets', async () => {
    const eng = groupNamed('Engineering');
    const memberId = membersOf(eng.id)[0]!;
    const group = { organizationId: ORG, groupId: eng.id };
    expect(await adapter.removeMember!(group, { memberId })).toEqual({ ref: { memberId }, status: 'REMOVED' });
    expect(calls()).toEqual([`DELETE ${BASE}/relation/group/{groupId}/member/{teamMemberId}`]);
    expect(membersOf(eng.id)).not.toContain(memberId);

    server.log.clear();
    expect(await adapter.removeMember!(group, { memberId })).toEqual({ ref: { memberId }, status: 'NOT_A_MEMBER' });
    expect(calls().sort()).toEqual(
      [`DELETE ${BASE}/relation/group/{groupId}/member/{teamMemberId}`, `GET ${BASE}/group/{groupId}`, `GET ${BASE}/member/{teamMemberId}`].sort(),
    );
  });

  it('removeMember: an unknown group or member is NOT_FOUND, not NOT_A_MEMBER', async () => {
    const eng = groupNamed('Engineering').id;
    const memberId = members()[0]!.id;
    const noGroup = await failure(adapter.removeMember!({ organizationId: ORG, groupId: UNKNOWN_ID }, { memberId }));
    expect(noGroup.kind).toBe('NOT_FOUND');
    expect(noGroup.message).toMatch(/group/);
    const noMember = await failure(adapter.removeMember!({ organizationId: ORG, groupId: eng }, { memberId: UNKNOWN_ID }));
    expect(noMember.kind).toBe('NOT_FOUND');
    expect(noMember.message).toMatch(/member/);
  });

  it('membership writes with the read-only token are FORBIDDEN and change nothing', async () => {
    const readOnly = makeAdapter({ token: 'sandbox-readonly-token' });
    const guests = groupNamed('Guests').id;
    const error = await failure(readOnly.addMember!({ organizationId: ORG, groupId: guests }, { memberId: members()[0]!.id }));
    expect(error).toMatchObject({ kind: 'FORBIDDEN', status: 403 });
    expect(membersOf(guests)).toEqual([]);
    expect((await readOnly.listGroups(ORG, { size: 10 })).items).toHaveLength(6);
  });
});

describe('member writes', () => {
  it('createMember: one POST, one GET to read it back', async () => {
    const record = await adapter.createMember!(ORG, { name: 'ops-bot@acme.example', password: 'Correct-Horse-9' });
    expect(calls()).toEqual([`POST ${BASE}/member`, `GET ${BASE}/member/{teamMemberId}`]);
    expect(record).toMatchObject({ displayName: 'ops-bot@acme.example', email: 'ops-bot@acme.example', status: 'ACTIVE', mfaEnabled: false });
    expect(sim.state.members.get(record.memberId)?.password).toBe('Correct-Horse-9');
    expect(JSON.stringify(record)).not.toContain('Correct-Horse-9');
    const plain = await adapter.createMember!(ORG, { name: 'Build Runner', password: 'Correct-Horse-9' });
    expect(plain).toMatchObject({ username: 'Build Runner', email: null });
  });

  it('createMember is never retried: an injected 503 leaves exactly one POST in the log', async () => {
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { route: `${BASE}/member`, method: 'POST' } });
    const error = await failure(adapter.createMember!(ORG, { name: 'Once Only', password: 'Correct-Horse-9' }));
    expect(error).toMatchObject({ kind: 'UNAVAILABLE', status: 503 });
    expect(calls()).toEqual([`POST ${BASE}/member`]);
    expect(members()).toHaveLength(40);
  });

  it('createMember that times out is tried once and flagged outcome-unknown', async () => {
    const fast = makeAdapter();
    server.faults.add({ kind: 'hang', times: 1, match: { route: `${BASE}/member`, method: 'POST' } });
    const error = await failure(fast.createMember!(ORG, { name: 'Hung Up', password: 'Correct-Horse-9' }));
    expect(error).toMatchObject({ kind: 'UNAVAILABLE', outcomeUnknown: true });
    expect(calls()).toEqual([`POST ${BASE}/member`]);
  });

  it('a password never appears in an error, even when the API echoes it back', async () => {
    // The simulator's 409 echoes the name; a password equal to the name makes that echo a leak to redact.
    const taken = members()[0]!.name;
    const conflict = await failure(adapter.createMember!(ORG, { name: taken, password: taken }));
    expect(conflict.kind).toBe('CONFLICT');
    expect(conflict.message).not.toContain(taken);
    expect(conflict.message).toContain('[redacted]');
    expect(JSON.stringify(conflict.toJSON())).not.toContain(taken);

    const other = members()[1]!;
    const rename = await failure(adapter.updateMember!(ORG, other.id, { name: taken, password: taken }));
    expect(rename.kind).toBe('CONFLICT');
    expect(rename.message).not.toContain(taken);

    const short = await failure(adapter.createMember!(ORG, { name: 'Short Pass', password: 'tiny12' }));
    expect(short).toMatchObject({ kind: 'INVALID', status: 400 });
    expect(short.message).toMatch(/'password'/);
    expect(short.message).not.toContain('tiny12');
  });

  it('updateMember: a partial PUT, retried on a 503, then read back', async () => {
    const member = members()[2]!;
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { route: `${BASE}/member/{teamMemberId}`, method: 'PUT' } });
    const fast = makeAdapter();
    const record = await fast.updateMember!(ORG, member.id, { name: 'Renamed Member' });
    expect(record).toMatchObject({ memberId: member.id, displayName: 'Renamed Member', email: member.username });
    expect(calls()).toEqual([`PUT ${BASE}/member/{teamMemberId}`, `PUT ${BASE}/member/{teamMemberId}`, `GET ${BASE}/member/{teamMemberId}`]);
    const oldPassword = sim.state.members.get(member.id)!.password;
    await adapter.updateMember!(ORG, member.id, { password: 'Another-Secret-1' });
    expect(sim.state.members.get(member.id)).toMatchObject({ name: 'Renamed Member', password: 'Another-Secret-1' });
    expect(oldPassword).not.toBe('Another-Secret-1');

    server.log.clear();
    expect((await failure(adapter.updateMember!(ORG, member.id, {}))).kind).toBe('INVALID');
    expect((await failure(adapter.updateMember!(ORG, UNKNOWN_ID, { name: 'Ghost' }))).kind).toBe('NOT_FOUND');
    expect(calls()).toEqual([`PUT ${BASE}/member/{teamMemberId}`]);
  });

  it('deleteMember: gone afterwards, a repeat is NOT_FOUND, and a 503 is not retried', async () => {
    const [first, second] = members();
    await adapter.deleteMember!(ORG, first!.id);
    expect(await adapter.getOrganizationMembers(ORG, [first!.id])).toEqual([expect.objectContaining({ kind: 'NOT_FOUND' })]);
    expect((await failure(adapter.deleteMember!(ORG, first!.id))).kind).toBe('NOT_FOUND');

    server.log.clear();
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { route: `${BASE}/member/{teamMemberId}`, method: 'DELETE' } });
    expect((await failure(adapter.deleteMember!(ORG, second!.id))).kind).toBe('UNAVAILABLE');
    expect(calls()).toEqual([`DELETE ${BASE}/member/{teamMemberId}`]);
    expect(sim.state.members.has(second!.id)).toBe(true);
  });

  it('disconnectMember ends the sessions, is retried on a 503, and NOT_FOUND for an unknown member', async () => {
    const member = members().find((m) => m.sessions > 0)!;
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { route: `${BASE}/member/{teamMemberId}/disconnect` } });
    await makeAdapter().disconnectMember!(ORG, member.id);
    expect(sim.activeSessions(member.id)).toBe(0);
    expect(calls()).toEqual([`POST ${BASE}/member/{teamMemberId}/disconnect`, `POST ${BASE}/member/{teamMemberId}/disconnect`]);
    await adapter.disconnectMember!(ORG, member.id); // no session left: still fine
    expect((await failure(adapter.disconnectMember!(ORG, UNKNOWN_ID))).kind).toBe('NOT_FOUND');
  });
});

describe('errors and resilience', () => {
  it('a bad token is UNAUTHENTICATED and the token never shows in the message', async () => {
    const wrong = makeAdapter({ token: 'wrong-token-value' });
    const error = await failure(wrong.listGroups(ORG, { size: 10 }));
    expect(error).toMatchObject({ kind: 'UNAUTHENTICATED', status: 401 });
    expect(error.message).toContain('Unauthorized');
    expect(error.message).not.toContain('wrong-token-value');
  });

  it('a 429 within the deadline is waited out; one beyond it is RATE_LIMITED with retryAfter', async () => {
    const fast = makeAdapter();
    server.faults.add({ kind: 'rateLimit', retryAfter: 1, times: 1, match: { route: `${BASE}/groups` } });
    const started = Date.now();
    expect((await fast.listGroups(ORG, { size: 10 })).items).toHaveLength(6);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(calls()).toEqual([`GET ${BASE}/groups`, `GET ${BASE}/groups`]);

    server.faults.add({ kind: 'rateLimit', retryAfter: 30, times: 1, match: { route: `${BASE}/groups` } });
    const error = await failure(fast.listGroups(ORG, { size: 10 }));
    expect(error).toMatchObject({ kind: 'RATE_LIMITED', retryAfter: 30, status: 429 });
  });

  it('a 5xx that a retry recovers, and one that exhausts the retries', async () => {
    const fast = makeAdapter();
    server.faults.add({ kind: 'error', status: 502, times: 2, match: { route: `${BASE}/members` } });
    expect((await fast.listOrganizationMembers(ORG, { size: 10 })).items).toHaveLength(40);
    expect(calls()).toEqual(Array(3).fill(`GET ${BASE}/members`));

    server.log.clear();
    server.faults.add({ kind: 'error', status: 503, times: 3, match: { route: `${BASE}/members` } });
    const error = await failure(makeAdapter().listOrganizationMembers(ORG, { size: 10 }));
    expect(error).toMatchObject({ kind: 'UNAVAILABLE', status: 503, route: `GET ${BASE}/members` });
    expect(calls()).toHaveLength(3);
  });

  it('a hang times out as UNAVAILABLE within the deadline', async () => {
    server.faults.add({ kind: 'hang', match: { route: `${BASE}/groups` } });
    const started = Date.now();
    const error = await failure(makeAdapter().listGroups(ORG, { size: 10 }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.outcomeUnknown).toBe(false);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('a body that is not JSON, or not the documented shape, is BAD_RESPONSE', async () => {
    server.faults.add({ kind: 'malformed', times: 1, match: { route: `${BASE}/groups` } });
    expect((await failure(adapter.listGroups(ORG, { size: 10 }))).kind).toBe('BAD_RESPONSE');

    // A stand-in that answers with a changed shape: the error names the field.
    const stub: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ id: 'x', name: 'Y', username: 'y@z', is_user_blocked: 'no', is_mfa_active: false }]));
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const port = (stub.address() as AddressInfo).port;
      const changed = createGoodAccessAdapter({ baseUrl: `http://127.0.0.1:${port}/api/v1`, token: 't0ken-x' });
      const error = await failure(changed.listOrganizationMembers(ORG, { size: 10 }));
      expect(error).toMatchObject({ kind: 'BAD_RESPONSE', field: '[0].is_user_blocked' });
      await changed.close();
    } finally {
      await new Promise<void>((resolve) => stub.close(() => resolve()));
    }
  });

  it('the circuit opens after repeated failures and then fails fast without a call', async () => {
    const fragile = makeAdapter({ http: { ...FAST, retry: { attempts: 1 }, breaker: { failureThreshold: 3, resetAfterMs: 60_000 } } });
    server.faults.add({ kind: 'error', status: 500, match: { route: `${BASE}/groups` } });
    for (let i = 0; i < 3; i++) expect((await failure(fragile.listGroups(ORG, { size: 10 }))).kind).toBe('UNAVAILABLE');
    expect(fragile.breakerState()).toBe('open');
    server.log.clear();
    const error = await failure(fragile.listGroups(ORG, { size: 10 }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/circuit open/);
    expect(server.log.list()).toEqual([]);
    expect(adapter.breakerState()).toBe('closed');
  });

  it('observers hear route templates, never ids or passwords', async () => {
    const events: CallEvent[] = [];
    const stop = adapter.observe((event) => events.push(event));
    const member = members()[0]!;
    await adapter.updateMember!(ORG, member.id, { password: 'Observer-Secret-7' });
    stop();
    expect(events.map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([`PUT ${BASE}/member/{teamMemberId} 200`, `GET ${BASE}/member/{teamMemberId} 200`]);
    expect(JSON.stringify(events)).not.toContain(member.id);
    expect(JSON.stringify(events)).not.toContain('Observer-Secret-7');
  });
});
