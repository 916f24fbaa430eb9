// The GitBook simulator as a product, over raw HTTP: envelopes, shapes, paging, bulk semantics, errors, rate limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createGitBookSimulator, type GitBookSimulator } from '../../src/sandbox/gitbook/index.js';
import { companyDirectory } from '../../src/sandbox/company/directory.js';
import { seedWorld } from '../../src/sandbox/gitbook/seed.js';

const sim = createGitBookSimulator();
const server = new SimServer(sim);
const RW = { authorization: 'Bearer sandbox-token' };
const RO = { authorization: 'Bearer sandbox-readonly-token' };

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // any: the raw wire JSON under test; the assertions on it are its type check, as a client of the API sees it.
  body: any;
}

async function call(method: string, path: string, init: { headers?: Record<string, string>; json?: unknown; base?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(init.headers ?? RW) };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await request((init.base ?? server.baseUrl) + path, {
    method: method as 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const ids = () => sim.ids;
const org = () => sim.world.orgs.get(ids().mainOrganizationId)!;
const team = (teamId = ids().largeTeamId) => org().teams.get(teamId)!;
const teamPath = (teamId = ids().largeTeamId) => `/orgs/${ids().mainOrganizationId}/teams/${teamId}`;
/** Organization members who are in no seeded team of the main organization: free to add anywhere. */
function outsiders(count: number): string[] {
  const inTeams = new Set([...org().teams.values()].flatMap((t) => [...t.members.keys()]));
  return [...org().members.keys()].filter((id) => !inTeams.has(id)).slice(0, count);
}
const emailOf = (userId: string) => sim.world.users.get(userId)!.email!;

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

describe('seeded world', () => {
  it('has the promised sizes and is the same for the same seed', () => {
    // How long seeding takes is measured by `npm run bench`, never asserted here.
    const world = seedWorld(7, companyDirectory());
    expect(seedWorld(7, companyDirectory()).ids).toEqual(world.ids);
    expect(seedWorld(8, companyDirectory()).ids.mainOrganizationId).not.toBe(world.ids.mainOrganizationId);

    const main = org();
    expect(main.members.size).toBe(1310);
    expect(main.teams.size).toBe(12);
    expect(team().members.size).toBe(1200);
    expect(team(ids().emptyTeamId).members.size).toBe(0);
    const roles = new Set([...team().members.values()]);
    expect(roles).toEqual(new Set(['owner', 'member']));
    const members = [...main.members.values()];
    expect(members.some((m) => m.disabled)).toBe(true);
    expect(members.filter((m) => m.role === null).length).toBeGreaterThan(50);
    expect(new Set(members.map((m) => m.role)).size).toBeGreaterThanOrEqual(6);
    expect(sim.world.orgs.get(ids().smallOrganizationId)!.members.size).toBeLessThan(20);
    expect(sim.describe().credentials).toContain('Bearer sandbox-token');
    expect(sim.describe().notes?.join(' ')).toContain(ids().largeTeamId);
  });
});

/** @gitbook/api 0.202.0 `spec/openapi.json`: what `Organization` requires, and the enums of its fields [spec]. */
const ORGANIZATION_REQUIRED = [
  'object',
  'id',
  'plan',
  'title',
  'createdAt',
  'inviteLinks',
  'type',
  'emailDomains',
  'mergeRules',
  'urls',
  'trial',
  'permissions',
];
const BILLING_PRODUCT = ['free_2024', 'plus_2024', 'pro_2024', 'enterprise_2024', 'community_2024', 'free', 'plus', 'pro', 'internal'];
const TRIAL_STATUS = ['notapplicable', 'none', 'active', 'ended', 'expired'];
const ORGANIZATION_PERMISSIONS = [
  'view',
  'access',
  'admin',
  'ownTeam',
  'createContent',
  'createOpenAPISpec',
  'viewBilling',
  'listMembers',
  'listTeams',
  'listIntegrations',
  'listInstallations',
  'installIntegration',
];

describe('envelopes and shapes', () => {
  it('serves Organization with every field the OpenAPI requires, and a plan inside its enum', async () => {
    // The raw wire JSON (Reply.body), checked field by field against the spec.
    const listed: Reply['body'][] = (await call('GET', '/orgs')).body.items;
    const single: Reply['body'] = (await call('GET', `/orgs/${ids().mainOrganizationId}`)).body;
    for (const org of [...listed, single]) {
      for (const field of ORGANIZATION_REQUIRED) expect(org, field).toHaveProperty(field);
      expect(BILLING_PRODUCT).toContain(org.plan);
      expect(['business', 'community']).toContain(org.type);
      expect(typeof org.inviteLinks).toBe('boolean');
      expect(Array.isArray(org.emailDomains) && org.emailDomains.every((d: unknown) => typeof d === 'string')).toBe(true);
      expect(['rules', 'none']).toContain(org.mergeRules.type);
      expect(TRIAL_STATUS).toContain(org.trial.status);
      expect(Number.isInteger(org.trial.count)).toBe(true);
      expect(Object.keys(org.permissions).sort()).toEqual([...ORGANIZATION_PERMISSIONS].sort());
      expect(Object.values(org.permissions).every((v) => typeof v === 'boolean')).toBe(true);
      expect(org.urls).toEqual({ app: expect.any(String), location: expect.any(String) });
    }
    expect(single).toEqual(listed.find((o) => o.id === ids().mainOrganizationId));
    expect(single).toMatchObject({ plan: 'enterprise_2024', sso: true });
  });

  it('lists organizations in the List envelope with X-RateLimit headers', async () => {
    const res = await call('GET', '/orgs');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.next).toBeUndefined();
    expect(res.body.items[0]).toMatchObject({
      object: 'organization',
      id: expect.stringMatching(/^[a-zA-Z0-9_-]+$/),
      title: expect.any(String),
      urls: { location: expect.any(String) },
    });
    for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) expect(res.headers[name]).toMatch(/^\d+$/);
    const one = await call('GET', `/orgs/${ids().smallOrganizationId}`);
    expect(one.body).toMatchObject({ object: 'organization', id: ids().smallOrganizationId, title: 'Side Project' });
  });

  it('serves OrganizationTeamMember items with organization, team and permissions', async () => {
    const res = await call('GET', `${teamPath()}/members?limit=3`);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1200);
    expect(res.body.items).toHaveLength(3);
    expect(res.body.next.page).toEqual(expect.any(String));
    const item = res.body.items[0];
    expect(Object.keys(item).sort()).toEqual(['organization', 'permissions', 'team']);
    expect(item.team.role).toMatch(/^(owner|member)$/);
    expect(item.permissions).toEqual({ view: true });
    expect(item.organization).toMatchObject({
      object: 'member',
      id: item.organization.user.id,
      user: { object: 'user', displayName: expect.any(String), urls: { location: expect.stringContaining(item.organization.user.id) } },
      disabled: expect.any(Boolean),
      joinedAt: expect.stringMatching(/Z$/),
      sso: expect.any(Boolean),
      spaces: expect.any(Number),
      teams: expect.any(Number),
      sites: expect.any(Number),
    });
    expect(item.organization.teams).toBeGreaterThanOrEqual(1);
  });

  it('serves OrganizationTeam with a member count, and filters teams by title case-insensitively', async () => {
    const res = await call('GET', `/orgs/${ids().mainOrganizationId}/teams?title=ENG`);
    expect(res.body.items.map((t: { title: string }) => t.title)).toEqual(['Engineering']);
    const big = await call('GET', teamPath());
    expect(big.body).toMatchObject({ object: 'team', id: ids().largeTeamId, title: 'Everyone', members: 1200, permissions: { admin: true, view: true } });
    const all = await call('GET', `/orgs/${ids().mainOrganizationId}/teams`);
    expect(all.body.count).toBe(12);
  });

  it("lists organization members (guests have role null) and one member's teams", async () => {
    const res = await call('GET', `/orgs/${ids().mainOrganizationId}/members?limit=1000`);
    expect(res.body.count).toBe(1310);
    expect(res.body.items).toHaveLength(1000);
    expect(res.body.items.some((m: { role: unknown }) => m.role === null)).toBe(true);
    const someone = [...team().members.keys()][0]!;
    const teams = await call('GET', `/orgs/${ids().mainOrganizationId}/members/${someone}/teams`);
    expect(teams.body.items.map((t: { id: string }) => t.id)).toContain(ids().largeTeamId);
    const member = await call('GET', `/orgs/${ids().mainOrganizationId}/members/${someone}`);
    expect(member.body.teams).toBe(teams.body.count);
  });
});

describe('paging', () => {
  it('walks the 1,200-member team to the end with no one missed or repeated', async () => {
    const seen: string[] = [];
    let page: string | undefined;
    for (let calls = 0; calls < 100; calls++) {
      const res = await call('GET', `${teamPath()}/members?limit=100${page ? `&page=${page}` : ''}`);
      seen.push(...res.body.items.map((i: { organization: { id: string } }) => i.organization.id));
      page = res.body.next?.page;
      if (!page) break;
    }
    expect(seen).toHaveLength(1200);
    expect(new Set(seen)).toEqual(new Set(team().members.keys()));
  });

  it('treats limit 0 and no limit as the default (50), and refuses limits outside 0..1000', async () => {
    expect((await call('GET', `${teamPath()}/members`)).body.items).toHaveLength(50);
    expect((await call('GET', `${teamPath()}/members?limit=0`)).body.items).toHaveLength(50);
    expect((await call('GET', `${teamPath()}/members?limit=1000`)).body.items).toHaveLength(1000);
    for (const bad of ['1001', '-1', 'abc', '2.5']) {
      const res = await call('GET', `${teamPath()}/members?limit=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body).toEqual({ error: { code: 400, message: expect.stringContaining('limit') } });
    }
  });

  it('refuses a tampered cursor, a garbage one, and one from another list with 400', async () => {
    const first = await call('GET', `${teamPath()}/members?limit=10`);
    const cursor: string = first.body.next.page;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...decoded, a: '0' })).toString('base64url');
    expect((await call('GET', `${teamPath()}/members?page=${tampered}`)).status).toBe(400);
    expect((await call('GET', `${teamPath()}/members?page=not-a-cursor`)).status).toBe(400);
    expect((await call('GET', `/orgs/${ids().mainOrganizationId}/members?page=${cursor}`)).status).toBe(400);
    const next = await call('GET', `${teamPath()}/members?limit=10&page=${cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].organization.id > first.body.items[9].organization.id).toBe(true);
  });

  it('keeps a cursor valid across a membership change: nobody skipped', async () => {
    const first = await call('GET', `${teamPath()}/members?limit=10`);
    const removed = first.body.items[9].organization.id;
    await call('DELETE', `${teamPath()}/members/${removed}`);
    const next = await call('GET', `${teamPath()}/members?limit=10&page=${first.body.next.page}`);
    const sorted = [...team().members.keys()].sort();
    expect(next.body.items[0].organization.id).toBe(sorted[9]);
  });
});

describe('bulk PUT /members', () => {
  it('adds by id and e-mail (default role member), updates counts, and a user in add and remove ends removed', async () => {
    const [a, b, c] = outsiders(3) as [string, string, string];
    const res = await call('PUT', `${teamPath(ids().emptyTeamId)}/members`, { json: { add: [a, emailOf(b).toUpperCase(), c], remove: [c] } });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expect([...team(ids().emptyTeamId).members]).toEqual([
      [a, 'member'],
      [b, 'member'],
    ]);
    expect((await call('GET', teamPath(ids().emptyTeamId))).body.members).toBe(2);
    expect((await call('GET', `/orgs/${ids().mainOrganizationId}/members/${a}`)).body.teams).toBe(1);
    expect((await call('GET', `/orgs/${ids().mainOrganizationId}/members/${c}`)).body.teams).toBe(0);
    // Idempotent: the same delta again changes nothing and still answers 204.
    expect((await call('PUT', `${teamPath(ids().emptyTeamId)}/members`, { json: { add: [a, emailOf(b)], remove: [c] } })).status).toBe(204);
    expect(team(ids().emptyTeamId).members.size).toBe(2);
  });

  it('sets roles through memberships, and refuses a memberships entry for someone who will not be a member', async () => {
    const [a, b] = outsiders(2) as [string, string];
    const path = `${teamPath(ids().emptyTeamId)}/members`;
    expect((await call('PUT', path, { json: { add: [a], memberships: { [a]: { role: 'owner' } } } })).status).toBe(204);
    expect(team(ids().emptyTeamId).members.get(a)).toBe('owner');
    const refused = await call('PUT', path, { json: { add: [b], remove: [b], memberships: { [b]: { role: 'owner' } } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(b);
    expect(team(ids().emptyTeamId).members.has(b)).toBe(false);
    expect((await call('PUT', path, { json: { memberships: { [a]: { role: 'boss' } } } })).status).toBe(400);
  });

  it('is atomic: one unknown entry is named in a 400 and nothing is applied', async () => {
    const [a] = outsiders(1) as [string];
    const res = await call('PUT', `${teamPath(ids().emptyTeamId)}/members`, { json: { add: [a, 'nobody@nowhere.example'] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 400, message: expect.stringContaining('nobody@nowhere.example') } });
    expect(team(ids().emptyTeamId).members.size).toBe(0);
    for (const body of [{ add: 'x' }, { remove: [1] }, { memberships: [] }]) {
      expect((await call('PUT', `${teamPath(ids().emptyTeamId)}/members`, { json: body })).status).toBe(400);
    }
    expect((await call('PUT', `${teamPath(ids().emptyTeamId)}/members`)).status).toBe(400);
  });
});

describe('single member PUT and DELETE', () => {
  it('upserts with an optional role; a non-member of the organization is 404', async () => {
    const [a] = outsiders(1) as [string];
    const path = `${teamPath(ids().emptyTeamId)}/members/${a}`;
    expect((await call('PUT', path)).status).toBe(204);
    expect(team(ids().emptyTeamId).members.get(a)).toBe('member');
    expect((await call('PUT', path, { json: { role: 'owner' } })).status).toBe(204);
    expect(team(ids().emptyTeamId).members.get(a)).toBe('owner');
    expect((await call('PUT', path, { json: {} })).status).toBe(204);
    expect(team(ids().emptyTeamId).members.get(a)).toBe('owner');
    expect((await call('PUT', path, { json: { role: 'admin' } })).status).toBe(400);
    expect((await call('PUT', `${teamPath(ids().emptyTeamId)}/members/nobody`)).status).toBe(404);
  });

  it('DELETE answers 205 when it removed someone and 204 when there was nobody to remove', async () => {
    const someone = [...team().members.keys()][0]!;
    const first = await call('DELETE', `${teamPath()}/members/${someone}`);
    expect(first.status).toBe(205);
    expect(team().members.size).toBe(1199);
    expect((await call('GET', teamPath())).body.members).toBe(1199);
    expect((await call('DELETE', `${teamPath()}/members/${someone}`)).status).toBe(204);
    const unknown = await call('DELETE', `${teamPath()}/members/nobody`);
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 404 } } });
  });
});

describe('teams and organization members', () => {
  it('creates (201), renames, and deletes (205 then 204) a team', async () => {
    const [a] = outsiders(1) as [string];
    const created = await call('PUT', `/orgs/${ids().mainOrganizationId}/teams`, { json: { title: 'Writers', members: [a] } });
    expect(created).toMatchObject({ status: 201, body: { object: 'team', title: 'Writers', members: 1 } });
    const path = `/orgs/${ids().mainOrganizationId}/teams/${created.body.id}`;
    expect((await call('PATCH', path, { json: { title: 'Editors' } })).body.title).toBe('Editors');
    expect((await call('PUT', `/orgs/${ids().mainOrganizationId}/teams`, { json: { title: '' } })).status).toBe(400);
    expect((await call('DELETE', path)).status).toBe(205);
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('GET', path)).status).toBe(404);
  });

  it('changes an organization role (null makes a guest) and removing a member empties their teams', async () => {
    const someone = [...team().members.keys()][0]!;
    const path = `/orgs/${ids().mainOrganizationId}/members/${someone}`;
    expect((await call('PATCH', path, { json: { role: null } })).status).toBe(204);
    expect((await call('GET', path)).body.role).toBeNull();
    expect((await call('PATCH', path, { json: { role: 'owner' } })).status).toBe(400);
    expect((await call('DELETE', path)).status).toBe(205);
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('GET', teamPath())).body.members).toBe(1199);
    expect((await call('GET', path)).status).toBe(404);
  });
});

describe('errors', () => {
  it('401 without or with a wrong token, in the error envelope and with rate-limit headers', async () => {
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer nope' }, { authorization: 'sandbox-token' }];
    for (const headers of attempts) {
      const res = await call('GET', '/orgs', { headers });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 401, message: expect.any(String) } });
      expect(res.headers['x-ratelimit-limit']).toBeDefined();
    }
  });

  it('403 on every write with the read-only token, which still reads', async () => {
    const [a] = outsiders(1) as [string];
    expect((await call('GET', `${teamPath()}/members`, { headers: RO })).status).toBe(200);
    const writes: Array<[string, string, unknown?]> = [
      ['PUT', `${teamPath()}/members`, { add: [a] }],
      ['PUT', `${teamPath()}/members/${a}`],
      ['DELETE', `${teamPath()}/members/${a}`],
      ['PUT', `/orgs/${ids().mainOrganizationId}/teams`, { title: 'X' }],
      ['PATCH', teamPath(), { title: 'X' }],
      ['DELETE', teamPath()],
      ['PATCH', `/orgs/${ids().mainOrganizationId}/members/${a}`, { role: 'read' }],
      ['DELETE', `/orgs/${ids().mainOrganizationId}/members/${a}`],
    ];
    for (const [method, path, json] of writes) {
      const res = await call(method, path, { headers: RO, json });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe(403);
    }
    expect(team().members.size).toBe(1200);
  });

  it('404 for unknown organizations, teams, users and routes; 405 for a wrong method', async () => {
    expect((await call('GET', '/orgs/nope')).body).toEqual({ error: { code: 404, message: expect.any(String) } });
    expect((await call('GET', `/orgs/${ids().mainOrganizationId}/teams/nope/members`)).status).toBe(404);
    expect((await call('GET', `/orgs/${ids().mainOrganizationId}/members/nope`)).status).toBe(404);
    expect((await call('GET', '/nothing/here')).status).toBe(404);
    expect((await call('GET', '/orgs', { base: server.url })).status).toBe(404);
    expect((await call('POST', `${teamPath()}/members`)).status).toBe(405);
  });

  it('answers a non-JSON body with 400', async () => {
    const res = await request(`${server.baseUrl}${teamPath()}/members`, {
      method: 'PUT',
      headers: { ...RW, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(res.statusCode).toBe(400);
    expect(await res.body.json()).toMatchObject({ error: { code: 400 } });
  });
});

describe('rate limit', () => {
  it('shows a quota no run can spend and never throttles without the option', async () => {
    const first = await call('GET', '/orgs');
    const second = await call('GET', '/orgs');
    // 10,000 calls a second for the whole 60 s window, tenfold: more than the benchmark's busiest minute.
    expect(Number(first.headers['x-ratelimit-remaining'])).toBeGreaterThanOrEqual(10 * 60 * 10_000);
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(Number(first.headers['x-ratelimit-remaining']) - 1);
  });

  it('answers 429 with the documented body and X-RateLimit-Remaining 0 once the quota is spent', async () => {
    const limited = new SimServer(createGitBookSimulator({ rateLimit: { limit: 3, windowSeconds: 60 } }) as GitBookSimulator);
    await limited.start();
    try {
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await call('GET', '/orgs', { base: limited.baseUrl });
        expect(res.status).toBe(200);
        remaining.push(res.headers['x-ratelimit-remaining'] as string);
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const before = Date.now();
      const res = await call('PUT', `/orgs/${ids().mainOrganizationId}/teams/${ids().emptyTeamId}/members`, { base: limited.baseUrl, json: { add: [] } });
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ error: { code: 429, message: 'API rate limit exceeded. Please try again in 60 seconds' } });
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(res.headers['x-ratelimit-remaining']).toBe('0');
      const reset = Number(res.headers['x-ratelimit-reset']);
      expect(reset * 1000).toBeGreaterThan(before + 55_000);
      expect(reset * 1000).toBeLessThanOrEqual(before + 61_000);
    } finally {
      await limited.stop();
    }
  });
});
