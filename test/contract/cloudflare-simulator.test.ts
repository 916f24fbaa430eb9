// The Cloudflare sandbox as a product: v4 envelopes, paging, error codes, auth, writes and rate-limit headers over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createCloudflareSimulator } from '../../src/sandbox/cloudflare/index.js';

const sim = createCloudflareSimulator();
const server = new SimServer(sim);
const { mainAccountId: ACCOUNT, smallAccountId: SMALL, bigGroupId: BIG, emptyGroupId: EMPTY } = sim.ids;
const AUTH = { authorization: 'Bearer sandbox-token' };
const READONLY = { authorization: 'Bearer sandbox-readonly-token' };
const HEX32 = /^[0-9a-f]{32}$/;

interface Answer {
  status: number;
  headers: Headers;
  // any: the raw wire JSON under test; the assertions on it are its type check, as a client of the API sees it.
  body: Record<string, unknown> & { result: any; result_info: any; errors: Array<{ code: number; message: string; source?: { pointer: string } }> };
}

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: unknown; raw?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(init.headers ?? AUTH) };
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(server.baseUrl + path, { method, headers, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const members = (group: string, query = '') => `/accounts/${ACCOUNT}/iam/user_groups/${group}/members${query}`;

/** An account member who can join groups but is not in `group`. */
function outsiders(group: string, count: number): string[] {
  const inside = new Set(sim.groupMemberIds(ACCOUNT, group));
  return sim
    .accountMembers(ACCOUNT)
    .filter((m) => m.status !== 'rejected' && !inside.has(m.id))
    .slice(0, count)
    .map((m) => m.id);
}

function expectFailure(answer: Answer, status: number, code: number): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ success: false, errors: [expect.objectContaining({ code, message: expect.any(String) })], messages: [], result: null });
}

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

describe('seeded world', () => {
  it('builds the same for the same seed', () => {
    // How long seeding takes is measured by `npm run bench`, never asserted here.
    const again = createCloudflareSimulator();
    expect(again.ids).toEqual(sim.ids);
    expect(createCloudflareSimulator({ seed: 7 }).ids.mainAccountId).not.toBe(ACCOUNT);
  });

  it('lists two accounts in the v4 list envelope', async () => {
    const answer = await call('GET', '/accounts');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ success: true, errors: [], messages: [] });
    expect(answer.body.result.map((a: { id: string }) => a.id).sort()).toEqual([ACCOUNT, SMALL].sort());
    expect(answer.body.result_info).toEqual({ page: 1, per_page: 20, count: 2, total_count: 2, total_pages: 1 });
    expect(answer.body.result[0]).toMatchObject({ id: expect.stringMatching(HEX32), name: expect.any(String), type: expect.any(String) });
  });

  it('has about 700 members in the main account, accepted, pending and a few rejected', async () => {
    const answer = await call('GET', `/accounts/${ACCOUNT}/members?per_page=50`);
    expect(answer.body.result_info).toMatchObject({ total_count: 700, count: 50, total_pages: 14 });
    const statuses = sim.accountMembers(ACCOUNT).map((m) => m.status);
    for (const status of ['accepted', 'pending', 'rejected']) expect(statuses).toContain(status);
    expect(statuses.filter((s) => s === 'rejected').length).toBeLessThan(20);
    const member = answer.body.result[0];
    expect(member).toMatchObject({ id: expect.stringMatching(HEX32), email: expect.any(String), status: expect.any(String), roles: expect.any(Array) });
    expect(member.user.id).toMatch(HEX32);
    expect(member.user.id).not.toBe(member.id);
    expect(typeof member.user.two_factor_authentication_enabled).toBe('boolean');
  });

  it('has ten user groups with policies, one of 600 members and one empty', async () => {
    const groups = await call('GET', `/accounts/${ACCOUNT}/iam/user_groups?per_page=50`);
    expect(groups.body.result_info.total_count).toBe(10);
    for (const group of groups.body.result) {
      expect(group).toMatchObject({
        id: expect.stringMatching(HEX32),
        name: expect.any(String),
        created_on: expect.any(String),
        modified_on: expect.any(String),
      });
      expect(group.policies.length).toBeGreaterThan(0);
    }
    expect((await call('GET', members(BIG))).body.result_info.total_count).toBe(600);
    const empty = await call('GET', members(EMPTY));
    expect(empty.body.result).toEqual([]);
    expect(empty.body.result_info).toMatchObject({ count: 0, total_count: 0 });
    expect((await call('GET', `/accounts/${SMALL}/members?per_page=50`)).body.result_info.total_count).toBe(12);
  });
});

describe('group member list', () => {
  it('pages by page and per_page, sorted by e-mail, and answers result: [] past the last page', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const answer = await call('GET', members(BIG, `?page=${page}&per_page=250`));
      expect(answer.body.result_info).toEqual({ page, per_page: 250, count: page < 3 ? 250 : 100, total_count: 600, total_pages: 3 });
      seen.push(...answer.body.result.map((m: { email: string }) => m.email));
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(600);
    const past = await call('GET', members(BIG, '?page=4&per_page=250'));
    expect(past.status).toBe(200);
    expect(past.body.result).toEqual([]);
    expect(past.body.result_info).toMatchObject({ page: 4, count: 0, total_count: 600 });
  });

  it('defaults to 20 per page, sorts descending on direction=desc, and filters with fuzzyEmail', async () => {
    expect((await call('GET', members(BIG))).body.result).toHaveLength(20);
    const desc = (await call('GET', members(BIG, '?direction=desc&per_page=500'))).body.result.map((m: { email: string }) => m.email);
    expect(desc).toEqual([...desc].sort().reverse());
    const fuzzy = await call('GET', members(BIG, '?fuzzyEmail=ADA.&per_page=500'));
    expect(fuzzy.body.result.length).toBeGreaterThan(0);
    expect(fuzzy.body.result_info.total_count).toBe(fuzzy.body.result.length);
    for (const m of fuzzy.body.result) expect(m.email).toContain('ada.');
    expect(Object.keys(fuzzy.body.result[0]).sort()).toEqual(['email', 'id', 'status']);
  });

  it('refuses per_page above 500 or below 1, page below 1 and non-numbers with 400 code 1004', async () => {
    for (const query of ['?per_page=501', '?per_page=0', '?page=0', '?page=abc', '?direction=sideways']) {
      expectFailure(await call('GET', members(BIG, query)), 400, 1004);
    }
    expect((await call('GET', members(BIG, '?per_page=500'))).status).toBe(200);
  });

  it('keeps the account lists at per_page 5..50', async () => {
    expectFailure(await call('GET', `/accounts/${ACCOUNT}/members?per_page=51`), 400, 1004);
    expectFailure(await call('GET', `/accounts/${ACCOUNT}/iam/user_groups?per_page=4`), 400, 1004);
    expectFailure(await call('GET', `/accounts?per_page=100`), 400, 1004);
  });

  it('reads one member as MemberGet, with created_at and the user behind the membership', async () => {
    const id = sim.groupMemberIds(ACCOUNT, BIG)[0] as string;
    const answer = await call('GET', members(BIG, `/${id}`));
    expect(answer.status).toBe(200);
    expect(answer.body.result).toEqual({
      id,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      email: expect.any(String),
      status: expect.stringMatching(/^(accepted|pending)$/),
      user: { id: expect.stringMatching(HEX32), email: expect.any(String), first_name: expect.anything(), last_name: expect.anything() },
    });
    expect(answer.body.result.user.id).not.toBe(id);
  });
});

describe('not found', () => {
  it('answers 404 with the code of what is missing, malformed ids included', async () => {
    const nobody = '0'.repeat(32);
    expectFailure(await call('GET', `/accounts/${nobody}/iam/user_groups`), 404, 1005);
    expectFailure(await call('GET', `/accounts/not-hex/iam/user_groups`), 404, 1005);
    expectFailure(await call('GET', `/accounts/${ACCOUNT}/iam/user_groups/${nobody}/members`), 404, 1001);
    expectFailure(await call('GET', `/accounts/${ACCOUNT}/iam/user_groups/${BIG.toUpperCase()}`), 404, 1001);
    expectFailure(await call('GET', members(BIG, `/${nobody}`)), 404, 1002);
    expectFailure(await call('GET', members(BIG, '/xyz')), 404, 1002);
    expectFailure(await call('GET', `/accounts/${ACCOUNT}/members/${nobody}`), 404, 1003);
    expectFailure(await call('GET', `/accounts/${ACCOUNT}/nothing`), 404, 7003);
    expect((await call('PATCH', members(BIG))).status).toBe(405);
  });
});

describe('writes', () => {
  it('POST adds a bare array, returns the posted members, and re-adding is a no-op', async () => {
    const [first, second] = outsiders(BIG, 2) as [string, string];
    const answer = await call('POST', members(BIG), { body: [{ id: first }, { id: second }] });
    expect(answer.status).toBe(200);
    expect(answer.body.result_info).toBeUndefined();
    expect(answer.body.result.map((m: { id: string }) => m.id)).toEqual([first, second]);
    expect(Object.keys(answer.body.result[0]).sort()).toEqual(['email', 'id', 'status']);
    expect(sim.groupMemberIds(ACCOUNT, BIG)).toHaveLength(602);

    const joined = (await call('GET', members(BIG, `/${first}`))).body.result.created_at;
    const again = await call('POST', members(BIG), { body: [{ id: first }] });
    expect(again.status).toBe(200);
    expect(again.body.result.map((m: { id: string }) => m.id)).toEqual([first]);
    expect(sim.groupMemberIds(ACCOUNT, BIG)).toHaveLength(602);
    expect((await call('GET', members(BIG, `/${first}`))).body.result.created_at).toBe(joined);
  });

  it('refuses unknown account members with 400 code 1003, one error per id pointing at it, and applies nothing', async () => {
    const [good] = outsiders(EMPTY, 1) as [string];
    const rejected = sim.accountMembers(ACCOUNT).find((m) => m.status === 'rejected')?.id as string;
    const nobody = 'f'.repeat(32);
    for (const method of ['POST', 'PUT']) {
      const answer = await call(method, members(EMPTY), { body: [{ id: good }, { id: nobody }, { id: rejected }] });
      expect(answer.status).toBe(400);
      expect(answer.body.success).toBe(false);
      expect(answer.body.errors.map((e) => [e.code, e.source?.pointer])).toEqual([
        [1003, '/1/id'],
        [1003, '/2/id'],
      ]);
      expect(sim.groupMemberIds(ACCOUNT, EMPTY)).toEqual([]);
    }
  });

  it('refuses bodies that are not a bare array of {id} with 400 code 1004', async () => {
    for (const raw of ['{"id":"x"}', 'not json', '[{"name":"x"}]', '[1]', '{"members":[]}']) {
      expectFailure(await call('POST', members(EMPTY), { raw, headers: { ...AUTH, 'content-type': 'application/json' } }), 400, 1004);
    }
    expectFailure(await call('PUT', members(EMPTY), { body: { id: 'x' } }), 400, 1004);
  });

  it('PUT replaces the set, keeps join times of those who stay, and an empty array clears it', async () => {
    const keep = sim.groupMemberIds(ACCOUNT, BIG).slice(0, 2);
    const joined = (await call('GET', members(BIG, `/${keep[0]}`))).body.result.created_at;
    const [fresh] = outsiders(BIG, 1) as [string];
    const answer = await call('PUT', members(BIG), { body: [...keep, fresh].map((id) => ({ id })) });
    expect(answer.status).toBe(200);
    expect(answer.body.result.map((m: { id: string }) => m.id).sort()).toEqual([...keep, fresh].sort());
    expect(sim.groupMemberIds(ACCOUNT, BIG).sort()).toEqual([...keep, fresh].sort());
    expect((await call('GET', members(BIG, `/${keep[0]}`))).body.result.created_at).toBe(joined);

    const cleared = await call('PUT', members(BIG), { body: [] });
    expect(cleared.body.result).toEqual([]);
    expect((await call('GET', members(BIG))).body.result_info.total_count).toBe(0);
  });

  it('DELETE returns the removed member; a repeated DELETE is 404 code 1002', async () => {
    const id = sim.groupMemberIds(ACCOUNT, BIG)[5] as string;
    const answer = await call('DELETE', members(BIG, `/${id}`));
    expect(answer.status).toBe(200);
    expect(answer.body.result).toEqual({ id, email: expect.any(String), status: expect.any(String) });
    expect(sim.groupMemberIds(ACCOUNT, BIG)).not.toContain(id);
    expectFailure(await call('DELETE', members(BIG, `/${id}`)), 404, 1002);
  });

  it('creates, renames, filters and deletes user groups; a deleted group takes its memberships with it', async () => {
    const created = await call('POST', `/accounts/${ACCOUNT}/iam/user_groups`, {
      body: { name: 'Zeta Testers', policies: [{ access: 'allow', permission_groups: [{ id: 'a'.repeat(32) }], resource_groups: [{ id: 'b'.repeat(32) }] }] },
    });
    expect(created.status).toBe(200);
    const group = created.body.result;
    expect(group).toMatchObject({
      id: expect.stringMatching(HEX32),
      name: 'Zeta Testers',
      policies: [expect.objectContaining({ id: expect.any(String), access: 'allow' })],
    });
    const renamed = await call('PUT', `/accounts/${ACCOUNT}/iam/user_groups/${group.id}`, { body: { name: 'Zeta Reviewers' } });
    expect(renamed.body.result.name).toBe('Zeta Reviewers');
    const fuzzy = await call('GET', `/accounts/${ACCOUNT}/iam/user_groups?fuzzyName=zeta`);
    expect(fuzzy.body.result.map((g: { id: string }) => g.id)).toEqual([group.id]);
    expect((await call('GET', `/accounts/${ACCOUNT}/iam/user_groups?name=Engineering`)).body.result.map((g: { id: string }) => g.id)).toEqual([BIG]);
    expect((await call('GET', `/accounts/${ACCOUNT}/iam/user_groups?id=${EMPTY}`)).body.result_info.total_count).toBe(1);
    expectFailure(await call('POST', `/accounts/${ACCOUNT}/iam/user_groups`, { body: { policies: [] } }), 400, 1004);

    const deleted = await call('DELETE', `/accounts/${ACCOUNT}/iam/user_groups/${BIG}`);
    expect(deleted.body.result).toEqual({ id: BIG });
    expectFailure(await call('GET', members(BIG)), 404, 1001);
  });
});

describe('auth', () => {
  it('answers 401 code 10000 without a known credential, and takes the e-mail + global key pair', async () => {
    expectFailure(await call('GET', '/accounts', { headers: {} }), 401, 10000);
    expectFailure(await call('GET', '/accounts', { headers: { authorization: 'Bearer nope' } }), 401, 10000);
    expectFailure(await call('GET', '/accounts', { headers: { 'x-auth-email': 'me@example.com', 'x-auth-key': 'nope' } }), 401, 10000);
    expect((await call('GET', '/accounts', { headers: { 'x-auth-email': 'me@example.com', 'x-auth-key': 'sandbox-token' } })).status).toBe(200);
  });

  it('lets the read-only token read but answers its writes 403 code 9109, applying nothing', async () => {
    expect((await call('GET', members(BIG), { headers: READONLY })).status).toBe(200);
    const id = sim.groupMemberIds(ACCOUNT, BIG)[0] as string;
    expectFailure(await call('DELETE', members(BIG, `/${id}`), { headers: READONLY }), 403, 9109);
    expectFailure(await call('PUT', members(BIG), { headers: READONLY, body: [] }), 403, 9109);
    expectFailure(await call('POST', members(EMPTY), { headers: READONLY, body: [{ id }] }), 403, 9109);
    expect(sim.groupMemberIds(ACCOUNT, BIG)).toHaveLength(600);
    expect(sim.groupMemberIds(ACCOUNT, EMPTY)).toHaveLength(0);
  });
});

describe('account members', () => {
  it('filters by status and orders by the fields the API names', async () => {
    const pending = await call('GET', `/accounts/${ACCOUNT}/members?status=pending&per_page=50`);
    const expected = sim.accountMembers(ACCOUNT).filter((m) => m.status === 'pending').length;
    expect(pending.body.result_info.total_count).toBe(expected);
    for (const m of pending.body.result) expect(m.status).toBe('pending');
    const byLast = (await call('GET', `/accounts/${ACCOUNT}/members?status=accepted&order=user.last_name&direction=desc&per_page=50`)).body.result;
    const names = byLast.map((m: { user: { last_name: string } }) => m.user.last_name);
    expect(names).toEqual([...names].sort().reverse());
    expectFailure(await call('GET', `/accounts/${ACCOUNT}/members?status=gone`), 400, 1004);
    expectFailure(await call('GET', `/accounts/${ACCOUNT}/members?order=id`), 400, 1004);
  });
});

describe('rate limits', () => {
  it('reports Ratelimit and Ratelimit-Policy on every response, failures included, without enforcing by default (a quota no run spends)', async () => {
    const first = await call('GET', '/accounts');
    expect(first.headers.get('ratelimit-policy')).toBe('"burst";q=1000000000;w=300');
    const r1 = Number(/r=(\d+)/.exec(first.headers.get('ratelimit') ?? '')?.[1]);
    const second = await call('GET', '/accounts');
    expect(second.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
    expect(Number(/r=(\d+)/.exec(second.headers.get('ratelimit') ?? '')?.[1])).toBe(r1 - 1);
    for (const failed of [await call('GET', '/accounts', { headers: {} }), await call('GET', '/nowhere')]) {
      expect(failed.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
      expect(failed.headers.get('ratelimit-policy')).toBe('"burst";q=1000000000;w=300');
    }
  });

  it('enforces the budget when asked: 429 code 971 with Retry-After, a lockout, then a fresh window', async () => {
    const limited = new SimServer(createCloudflareSimulator({ rateLimit: { quota: 3, windowSeconds: 60, lockoutSeconds: 1 } }));
    await limited.start();
    try {
      const get = () => fetch(`${limited.baseUrl}/accounts`, { headers: AUTH });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await get()).status);
      expect(statuses).toEqual([200, 200, 200]);
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.headers.get('ratelimit')).toBe('"default";r=0;t=1');
      expect(refused.headers.get('ratelimit-policy')).toBe('"burst";q=3;w=60');
      expect(await refused.json()).toEqual({ success: false, errors: [{ code: 971, message: expect.any(String) }], messages: [], result: null });
      expect((await get()).status).toBe(429); // still locked out
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      const after = await get();
      expect(after.status).toBe(200);
      expect(after.headers.get('ratelimit')).toBe('"default";r=2;t=60');
    } finally {
      await limited.stop();
    }
  });
});

describe('auth answers observed in the field', () => {
  it('answers an Authorization header that is not `Bearer <token>` 400 code 6003 with the 6111 cause, applying nothing', async () => {
    const [id] = outsiders(EMPTY, 1) as [string];
    for (const authorization of ['Bearer not a token!', 'Bearer', 'Token sandbox-token', 'Bearer sandbox-token;']) {
      const answer = await call('POST', members(EMPTY), { headers: { authorization }, body: [{ id }] });
      expect(answer.status, authorization).toBe(400);
      expect(answer.body).toEqual({
        success: false,
        errors: [{ code: 6003, message: 'Invalid request headers', error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }] }],
        messages: [],
        result: null,
      });
    }
    expect(sim.groupMemberIds(ACCOUNT, EMPTY)).toEqual([]);
  });

  it('answers a valid token without the permission 403 code 10000, on reads and writes', async () => {
    const unscoped = { authorization: 'Bearer sandbox-unscoped-token' };
    expectFailure(await call('GET', '/accounts', { headers: unscoped }), 403, 10000);
    const [id] = outsiders(EMPTY, 1) as [string];
    expectFailure(await call('POST', members(EMPTY), { headers: unscoped, body: [{ id }] }), 403, 10000);
    expect(sim.groupMemberIds(ACCOUNT, EMPTY)).toEqual([]);
    expect(sim.describe().credentials).toContain('sandbox-unscoped-token');
  });
});

describe('nullability as the SDK types it', () => {
  it('MemberGet leaves out the names a user does not have yet (string, never null); account members keep null', async () => {
    const pending = sim.accountMembers(ACCOUNT).find((m) => m.status === 'pending')?.id as string;
    await call('POST', members(EMPTY), { body: [{ id: pending }] });
    const got = await call('GET', members(EMPTY, `/${pending}`));
    expect(got.status).toBe(200);
    expect(got.body.result.user).toEqual({ id: expect.stringMatching(HEX32), email: expect.any(String) });
    const listed = await call('GET', `/accounts/${ACCOUNT}/members/${pending}`);
    expect(listed.body.result.user).toMatchObject({ first_name: null, last_name: null });
  });
});

describe('inferredErrorCodes: false', () => {
  const bare = new SimServer(createCloudflareSimulator({ inferredErrorCodes: false }));
  const bareCall = (method: string, path: string, body?: unknown) =>
    fetch(bare.baseUrl + path, {
      method,
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
  beforeAll(() => bare.start());
  afterAll(() => bare.stop());

  it('answers the same statuses with `errors: []` where the sandbox would use one of its invented codes', async () => {
    const bareFailure = (status: number) => ({ status, body: { success: false, errors: [], messages: [], result: null } });
    const nobody = '0'.repeat(32);
    expect(await bareCall('GET', `/accounts/${nobody}/iam/user_groups`)).toEqual(bareFailure(404));
    expect(await bareCall('GET', `/accounts/${ACCOUNT}/iam/user_groups/${nobody}`)).toEqual(bareFailure(404));
    expect(await bareCall('DELETE', members(BIG, `/${nobody}`))).toEqual(bareFailure(404));
    expect(await bareCall('GET', `/accounts/${ACCOUNT}/members/${nobody}`)).toEqual(bareFailure(404));
    expect(await bareCall('POST', members(EMPTY), [{ id: nobody }])).toEqual(bareFailure(400));
    expect(await bareCall('GET', members(BIG, '?per_page=501'))).toEqual(bareFailure(400));
    // Codes that are not the sandbox's inventions stay: no route (7003, in the spec), authentication (10000).
    expect((await bareCall('GET', `/accounts/${ACCOUNT}/nothing`)).body).toMatchObject({ errors: [{ code: 7003 }] });
    const unauthenticated = await fetch(`${bare.baseUrl}/accounts`);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ errors: [{ code: 10000 }] });
  });
});
