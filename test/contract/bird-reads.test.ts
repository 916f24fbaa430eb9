// The Bird adapter's reads against its simulator: organizations, teams, member paging, filters, batches, ids.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBirdAdapter } from '../../src/providers/bird/index.js';
import type { CallEvent } from '../../src/providers/http.js';
import { ProviderError, type MemberListFilter, type MemberRecord, type ProviderAdapter } from '../../src/providers/types.js';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createBirdSimulator, type BirdSimulator } from '../../src/sandbox/bird/index.js';

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const TEAMS = '/organizations/{organizationId}/teams';
const TEAM = '/organizations/{organizationId}/teams/{teamId}';
const MEMBERS = '/organizations/{organizationId}/teams/{teamId}/members';
const MEMBER = '/organizations/{organizationId}/teams/{teamId}/members/{teamMemberId}';

let sim: BirdSimulator;
let server: SimServer;
let adapter: ProviderAdapter;

beforeAll(async () => {
  sim = createBirdSimulator();
  server = await new SimServer(sim).start();
  adapter = createBirdAdapter({ baseUrl: server.baseUrl, accessKey: 'sandbox-token', organizationId: sim.organizationId, http: { retry: { baseDelayMs: 5 } } });
});
afterAll(async () => {
  await adapter.close();
  await server.stop();
});
beforeEach(() => server.reset());

const org = () => sim.organizationId;
const bigTeam = () => sim.snapshot().teams.reduce((a, b) => (b.members.length > a.members.length ? b : a));
const teamByName = (name: string) => sim.snapshot().teams.find((t) => t.name === name) as ReturnType<typeof bigTeam>;
const routesLogged = () => server.log.list().map((e) => `${e.method} ${e.route}`);

async function walkMembers(groupId: string, size: number, filter?: MemberListFilter): Promise<{ members: MemberRecord[]; pages: number }> {
  const members: MemberRecord[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<ProviderAdapter['listGroupMembers']>> = await adapter.listGroupMembers(
      { organizationId: org(), groupId },
      { after, size },
      filter,
    );
    expect(page.items.length).toBeLessThanOrEqual(Math.min(size, 100));
    expect(page.totalCount).toBeNull();
    members.push(...page.items);
    after = page.next;
    pages += 1;
    expect(pages).toBeLessThan(400);
  } while (after !== null);
  return { members, pages };
}

describe('capabilities and organizations', () => {
  it('says what Bird can do', () => {
    expect(adapter.id).toBe('BIRD');
    expect(adapter.name).toBe('Bird');
    expect(adapter.capabilities).toMatchObject({
      organizations: 'single',
      groupKind: 'team',
      hierarchy: false,
      organizationMembers: false,
      memberRoles: false,
      pagination: 'cursor',
      maxPageSize: 100,
      filters: { status: true, emailContains: false, groupName: false },
      writes: {
        addMember: true,
        removeMember: true,
        addMembersBulk: false,
        removeMembersBulk: false,
        replaceMembers: false,
        setMemberRole: false,
        refsByEmail: false,
      },
    });
    expect(adapter.addMembers).toBeUndefined();
    expect(adapter.replaceMembers).toBeUndefined();
    expect(adapter.setMemberRole).toBeUndefined();
  });

  it('serves the configured organization with no call, and NOT_FOUND / INVALID for other ids', async () => {
    const page = await adapter.listOrganizations({ size: 10 });
    expect(page.items).toEqual([{ provider: 'BIRD', id: org(), name: 'Bird organization', raw: { id: org(), name: 'Bird organization' } }]);
    expect(page.next).toBeNull();
    const read = await adapter.getOrganizations([UNKNOWN_UUID, org(), 'acme', org().toUpperCase()]);
    expect(read.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual(['NOT_FOUND', org(), 'INVALID', org()]);
    const named = createBirdAdapter({ baseUrl: server.baseUrl, accessKey: 'k', organizationId: org(), organizationName: 'Acme' });
    expect((await named.listOrganizations({ size: 1 })).items[0]?.name).toBe('Acme');
    await named.close();
    await expect(adapter.listGroups(UNKNOWN_UUID, { size: 10 })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    expect(server.log.list()).toHaveLength(0);
  });

  it('refuses organization members with UNSUPPORTED and no call', async () => {
    await expect(adapter.listOrganizationMembers(org(), { size: 10 })).rejects.toMatchObject({ kind: 'UNSUPPORTED' });
    await expect(adapter.getOrganizationMembers(org(), [UNKNOWN_UUID])).rejects.toMatchObject({ kind: 'UNSUPPORTED' });
    expect(server.log.list()).toHaveLength(0);
  });

  it('rejects a malformed organization id in the config', () => {
    expect(() => createBirdAdapter({ baseUrl: server.baseUrl, accessKey: 'k', organizationId: 'acme' })).toThrow(ProviderError);
  });
});

describe('teams', () => {
  it('lists every team with memberCount = active + pending, in pages of any size', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<ProviderAdapter['listGroups']>> = await adapter.listGroups(org(), { after, size: 3 });
      expect(page.items.length).toBeLessThanOrEqual(3);
      for (const group of page.items) {
        const seeded = sim.snapshot().teams.find((t) => t.id === group.id);
        expect(group).toMatchObject({ provider: 'BIRD', organizationId: org(), kind: 'team', parentId: null, path: null, name: seeded?.name });
        expect(group.memberCount).toBe(seeded?.members.length);
        expect(new Date(group.createdAt as string).toISOString()).toBe(group.createdAt);
        expect(group.raw).toHaveProperty('accessibility', seeded?.accessibility);
      }
      seen.push(...page.items.map((g) => g.id));
      after = page.next;
    } while (after !== null);
    expect(seen.sort()).toEqual(
      sim
        .snapshot()
        .teams.map((t) => t.id)
        .sort(),
    );
    expect(server.log.count({ route: TEAMS })).toBe(3);
  });

  it('reads up to 3 teams with a GET each and more with one list call, in order, NOT_FOUND in place', async () => {
    const ids = sim.snapshot().teams.map((t) => t.id);
    const few = await adapter.getGroups(org(), [ids[2] as string, UNKNOWN_UUID, ids[0] as string]);
    expect(few.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([ids[2], 'NOT_FOUND', ids[0]]);
    expect(routesLogged()).toEqual(Array(3).fill(`GET ${TEAM}`));
    server.log.clear();

    const wanted = [ids[5], ids[1], UNKNOWN_UUID, 'x/y', ids[4], (ids[1] as string).toUpperCase(), ids[7]] as string[];
    const many = await adapter.getGroups(org(), wanted);
    expect(many.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([ids[5], ids[1], 'NOT_FOUND', 'INVALID', ids[4], ids[1], ids[7]]);
    expect(routesLogged()).toEqual([`GET ${TEAMS}`]);
  });
});

describe('member paging', () => {
  it('walks the 150-member team at sizes 1, 7, 10, 100 and 500 (clamped) with no member missed or repeated', async () => {
    const team = bigTeam();
    const expected = team.members.map((m) => m.id).sort();
    for (const size of [1, 7, 10, 100, 500]) {
      server.log.clear();
      const { members, pages } = await walkMembers(team.id, size);
      expect(members.map((m) => m.memberId).sort()).toEqual(expected);
      expect(pages).toBe(Math.ceil(150 / Math.min(size, 100)));
      expect(server.log.count({ route: MEMBERS })).toBe(pages);
    }
  });

  it('maps members: memberId = userId = Bird id, statuses mapped, no name or e-mail, raw kept', async () => {
    const team = bigTeam();
    const { members } = await walkMembers(team.id, 100);
    const seeded = new Map(team.members.map((m) => [m.id, m.status]));
    const statusMap = { active: 'ACTIVE', invited: 'INVITED', 'requested-to-join': 'REQUESTED_TO_JOIN' } as const;
    for (const member of members) {
      expect(member).toMatchObject({
        provider: 'BIRD',
        organizationId: org(),
        groupId: team.id,
        userId: member.memberId,
        email: null,
        displayName: null,
        role: null,
        joinedAt: null,
      });
      expect(member.status).toBe(statusMap[seeded.get(member.memberId) as keyof typeof statusMap]);
      expect(Object.keys(member.raw).sort()).toEqual(['createdAt', 'id', 'status', 'type', 'updatedAt']);
      expect(new Date(member.createdAt as string).toISOString()).toBe(member.createdAt);
    }
    expect(new Set(members.map((m) => m.status))).toEqual(new Set(['ACTIVE', 'INVITED', 'REQUESTED_TO_JOIN']));
  });

  it('serves an empty team as one empty page', async () => {
    const page = await adapter.listGroupMembers({ organizationId: org(), groupId: teamByName('Alumni').id }, { size: 10 });
    expect(page).toEqual({ items: [], next: null, totalCount: null });
  });

  it('filters one status on the server, in as many calls as pages', async () => {
    const team = bigTeam();
    const invited = team.members
      .filter((m) => m.status === 'invited')
      .map((m) => m.id)
      .sort();
    const { members, pages } = await walkMembers(team.id, 10, { status: ['INVITED'] });
    expect(members.map((m) => m.memberId).sort()).toEqual(invited);
    expect(members.every((m) => m.status === 'INVITED')).toBe(true);
    expect(server.log.count({ route: MEMBERS })).toBe(pages);
    expect(pages).toBe(Math.ceil(invited.length / 10));
  });

  it('filters two statuses in the adapter, resuming mid-page, full pages and nothing repeated', async () => {
    const team = bigTeam();
    const wanted = team.members
      .filter((m) => m.status !== 'active')
      .map((m) => m.id)
      .sort();
    for (const size of [1, 7, 100]) {
      server.log.clear();
      const { members, pages } = await walkMembers(team.id, size, { status: ['INVITED', 'REQUESTED_TO_JOIN'] });
      expect(members.map((m) => m.memberId).sort()).toEqual(wanted);
      expect(members.every((m) => m.status !== 'ACTIVE')).toBe(true);
      expect(pages).toBe(Math.ceil(wanted.length / size));
      // Pages of 100 upstream: the filtered walk reads each upstream page once per adapter page at most.
      expect(server.log.count({ route: MEMBERS })).toBeLessThanOrEqual(pages * 2);
    }
  });

  it('treats all three statuses as no filter, and statuses Bird never has as an empty page with no call', async () => {
    const team = bigTeam();
    const { members } = await walkMembers(team.id, 100, { status: ['ACTIVE', 'INVITED', 'REQUESTED_TO_JOIN', 'BLOCKED'] });
    expect(members).toHaveLength(150);
    server.log.clear();
    const none = await adapter.listGroupMembers({ organizationId: org(), groupId: team.id }, { size: 10 }, { status: ['PENDING', 'BLOCKED'] });
    expect(none).toEqual({ items: [], next: null, totalCount: null });
    expect(server.log.list()).toHaveLength(0);
  });

  it('rejects a page token it did not make with INVALID and no call', async () => {
    const group = { organizationId: org(), groupId: bigTeam().id };
    for (const after of ['garbage', Buffer.from('{"t":5}').toString('base64url'), Buffer.from('{"t":null,"k":3}').toString('base64url')]) {
      await expect(adapter.listGroupMembers(group, { after, size: 10 })).rejects.toMatchObject({ kind: 'INVALID' });
    }
    expect(server.log.list()).toHaveLength(0);
  });
});

describe('members by id', () => {
  it('reads 1 or 2 ids with a GET each', async () => {
    const team = bigTeam();
    const group = { organizationId: org(), groupId: team.id };
    const [a, b] = team.members.map((m) => m.id) as [string, string];
    const one = await adapter.getGroupMembers(group, [a]);
    expect(one.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual([a]);
    expect(routesLogged()).toEqual([`GET ${MEMBER}`]);
    server.log.clear();
    const two = await adapter.getGroupMembers(group, [UNKNOWN_UUID, b, b]);
    expect(two.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual(['NOT_FOUND', b, b]);
    expect(routesLogged()).toEqual([`GET ${MEMBER}`, `GET ${MEMBER}`]);
  });

  it('reads more ids by paging the list at 100, stopping once all are found', async () => {
    const team = bigTeam();
    const group = { organizationId: org(), groupId: team.id };
    const firstPage = (await adapter.listGroupMembers(group, { size: 100 })).items.map((m) => m.memberId);
    server.log.clear();
    const early = [firstPage[40], firstPage[3], firstPage[99], firstPage[0], firstPage[17]] as string[];
    const read = await adapter.getGroupMembers(group, early);
    expect(read.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual(early);
    expect(routesLogged()).toEqual([`GET ${MEMBERS}`]);
    server.log.clear();

    const late = team.members.map((m) => m.id).find((id) => !firstPage.includes(id)) as string;
    const mixed = await adapter.getGroupMembers(group, [early[0] as string, late, UNKNOWN_UUID, '../x', late.toUpperCase()]);
    expect(mixed.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual([early[0], late, 'NOT_FOUND', 'INVALID', late]);
    expect(routesLogged()).toEqual([`GET ${MEMBERS}`, `GET ${MEMBERS}`]);
  });

  it('fails the whole batch with NOT_FOUND when the team does not exist', async () => {
    const group = { organizationId: org(), groupId: UNKNOWN_UUID };
    const ids = bigTeam()
      .members.slice(0, 5)
      .map((m) => m.id);
    await expect(adapter.getGroupMembers(group, ids.slice(0, 1))).rejects.toMatchObject({ kind: 'NOT_FOUND', status: 404 });
    await expect(adapter.getGroupMembers(group, ids)).rejects.toMatchObject({ kind: 'NOT_FOUND', status: 404 });
    await expect(adapter.listGroupMembers(group, { size: 5 })).rejects.toMatchObject({ kind: 'NOT_FOUND', status: 404 });
  });
});

describe('ids', () => {
  it('rejects path-like ids with INVALID before any call', async () => {
    for (const id of ['../x', 'a/b', '%2F', '..']) {
      await expect(adapter.listGroupMembers({ organizationId: org(), groupId: id }, { size: 5 }), id).rejects.toMatchObject({ kind: 'INVALID' });
      await expect(adapter.listGroups(id, { size: 5 })).rejects.toMatchObject({ kind: 'INVALID' });
      const [group] = await adapter.getGroups(org(), [id]);
      expect((group as ProviderError).kind).toBe('INVALID');
      const [member] = await adapter.getGroupMembers({ organizationId: org(), groupId: bigTeam().id }, [id]);
      expect((member as ProviderError).kind).toBe('INVALID');
      await expect(adapter.removeMember?.({ organizationId: org(), groupId: bigTeam().id }, { memberId: id })).rejects.toMatchObject({ kind: 'INVALID' });
    }
    expect(server.log.list()).toHaveLength(0);
  });

  it('tells observers exactly the calls the simulator logged', async () => {
    const calls: CallEvent[] = [];
    const stop = adapter.observe((event) => calls.push(event));
    await walkMembers(bigTeam().id, 40);
    await adapter.getGroups(
      org(),
      sim
        .snapshot()
        .teams.slice(0, 2)
        .map((t) => t.id),
    );
    stop();
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual(routesLogged());
    expect(calls).toHaveLength(6);
  });
});

describe('a 404 is read by its status; no error code decides', () => {
  it('a member GET answered 404 with a code the adapter does not know is NOT_FOUND in place, in one call', async () => {
    const team = bigTeam();
    const [a] = team.members.map((m) => m.id) as [string];
    server.faults.add({ kind: 'error', status: 404, times: 1, match: { method: 'GET', route: MEMBER } });
    const [entry] = await adapter.getGroupMembers({ organizationId: org(), groupId: team.id }, [a]);
    expect((entry as ProviderError).kind).toBe('NOT_FOUND');
    expect(server.log.list().map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([`GET ${MEMBER} 404`]);
  });

  it('the sandbox hint "team not found" only prompts one read of the team, which decides', async () => {
    const group = { organizationId: org(), groupId: UNKNOWN_UUID };
    await expect(adapter.getGroupMembers(group, [bigTeam().members[0]?.id as string])).rejects.toMatchObject({ kind: 'NOT_FOUND', status: 404 });
    expect(server.log.list().map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([`GET ${MEMBER} 404`, `GET ${TEAM} 404`]);
    // A non-member of a team that exists: one GET, no read of the team.
    server.log.clear();
    const [entry] = await adapter.getGroupMembers({ organizationId: org(), groupId: bigTeam().id }, [UNKNOWN_UUID]);
    expect((entry as ProviderError).kind).toBe('NOT_FOUND');
    expect(routesLogged()).toEqual([`GET ${MEMBER}`]);
  });

  it('a team GET answered 404 is NOT_FOUND in place, whatever its code', async () => {
    const id = bigTeam().id;
    server.faults.add({ kind: 'error', status: 404, times: 1, match: { method: 'GET', route: TEAM } });
    const read = await adapter.getGroups(org(), [id]);
    expect(read.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual(['NOT_FOUND']);
    expect(routesLogged()).toEqual([`GET ${TEAM}`]);
    expect((await adapter.getGroups(org(), [id])).map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([id]);
  });

  it('a key configured for an organization the API does not have: the hint prompts a read, which fails the batch', async () => {
    const elsewhere = createBirdAdapter({
      baseUrl: server.baseUrl,
      accessKey: 'sandbox-token',
      organizationId: UNKNOWN_UUID,
      http: { retry: { baseDelayMs: 5 } },
    });
    try {
      const team = bigTeam();
      await expect(elsewhere.getGroups(UNKNOWN_UUID, [team.id])).rejects.toMatchObject({ kind: 'NOT_FOUND', status: 404 });
      expect(routesLogged()).toEqual([`GET ${TEAM}`, `GET ${TEAMS}`]);
      server.log.clear();
      await expect(elsewhere.getGroupMembers({ organizationId: UNKNOWN_UUID, groupId: team.id }, [team.members[0]?.id as string])).rejects.toMatchObject({
        kind: 'NOT_FOUND',
      });
      expect(routesLogged()).toEqual([`GET ${MEMBER}`, `GET ${TEAM}`]);
    } finally {
      await elsewhere.close();
    }
  });
});
