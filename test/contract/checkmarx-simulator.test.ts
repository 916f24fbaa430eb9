// The Checkmarx simulator as a product, over raw HTTP: password grant, versioned media types, routes, errors, state.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { CLIENT_ID, CLIENT_SECRET, createCheckmarxSimulator, SEEDED } from '../../src/sandbox/checkmarx/index.js';

const sim = createCheckmarxSimulator();
const server = new SimServer(sim);
const V1 = 'application/json;v=1.0';
const USER_KEYS = [
  'id',
  'userName',
  'lastLoginDate',
  'roleIds',
  'teamIds',
  'authenticationProviderId',
  'creationDate',
  'firstName',
  'lastName',
  'email',
  'phoneNumber',
  'cellPhoneNumber',
  'jobTitle',
  'other',
  'country',
  'active',
  'expirationDate',
  'allowedIpList',
  'localeId',
];
const DOTNET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  // any: the raw wire JSON under test; the assertions on it are its type check, as a client of the API sees it.
  body: any;
}

/** node:http sends the path exactly as given (fetch would resolve `..` and `%2E%2E` before sending). */
function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}/`, { method, path, headers: init.headers ?? {} }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function tokenForm(overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    username: 'admin',
    password: 'sandbox',
    grant_type: 'password',
    scope: 'access_control_api sast_rest_api',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    ...overrides,
  }).toString();
}

function grant(overrides: Record<string, string> = {}): Promise<Reply> {
  return call('POST', '/cxrestapi/auth/identity/connect/token', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenForm(overrides),
  });
}

async function tokenFor(username: string): Promise<string> {
  const reply = await grant({ username });
  expect(reply.status).toBe(200);
  return reply.body.access_token as string;
}

let admin = '';
let viewer = '';
const as = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, accept: V1, ...extra });
const get = (path: string, token = admin) => call('GET', `/cxrestapi/auth${path}`, { headers: as(token) });
const send = (method: string, path: string, body?: unknown, token = admin, contentType = V1) =>
  call(method, `/cxrestapi/auth${path}`, {
    headers: as(token, body === undefined ? {} : { 'content-type': contentType }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const memberIds = async (teamId: number) => ((await get(`/Teams/${teamId}/Users`)).body as Array<{ id: number }>).map((u) => u.id);

beforeAll(async () => {
  await server.start();
  admin = await tokenFor('admin');
  viewer = await tokenFor('viewer');
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

describe('password grant', () => {
  it('issues a bearer token for the documented client, with expires_in', async () => {
    const reply = await grant();
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.stringMatching(/^\S{20,}$/) });
    expect((await get('/Teams', reply.body.access_token)).status).toBe(200);
  });

  it.each([
    [{ password: 'wrong' }, 'invalid_grant', 'invalid_username_or_password'],
    [{ username: 'nobody' }, 'invalid_grant', 'invalid_username_or_password'],
    [{ client_secret: 'not-the-secret' }, 'invalid_client', undefined],
    [{ client_id: 'cxsast_client' }, 'invalid_client', undefined],
    [{ grant_type: 'client_credentials' }, 'unsupported_grant_type', undefined],
    [{ scope: 'sast_rest_api' }, 'invalid_scope', undefined],
  ])('refuses %j with 400 %s', async (overrides, error, description) => {
    const reply = await grant(overrides);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe(error);
    expect(reply.body.error_description).toBe(description);
    expect(JSON.stringify(reply.body)).not.toContain('wrong');
  });

  it('refuses a JSON body: the token endpoint takes a form', async () => {
    const reply = await call('POST', '/cxrestapi/auth/identity/connect/token', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'sandbox' }),
    });
    expect(reply).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('answers 401 in the Checkmarx error body without a token, with an unknown one, and after expireTokens()', async () => {
    const attempts: Array<Record<string, string>> = [{ accept: V1 }, as('not-a-token'), { authorization: 'Basic YWRtaW46c2FuZGJveA==' }];
    for (const headers of attempts) {
      const reply = await call('GET', '/cxrestapi/auth/Teams', { headers });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ messageCode: expect.any(Number), messageDetails: expect.any(String) });
      expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const token = await tokenFor('admin');
    expect((await get('/Teams', token)).status).toBe(200);
    sim.expireTokens();
    expect((await get('/Teams', token)).status).toBe(401);
    admin = await tokenFor('admin');
    viewer = await tokenFor('viewer');
    expect((await get('/Teams')).status).toBe(200);
  });

  it('lets a token lapse after tokenTtlSeconds', async () => {
    const shortLived = await new SimServer(createCheckmarxSimulator({ tokenTtlSeconds: 1 })).start();
    try {
      const reply = await fetch(`${shortLived.baseUrl}/auth/identity/connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: tokenForm(),
      });
      const { access_token: token, expires_in: expiresIn } = (await reply.json()) as { access_token: string; expires_in: number };
      expect(expiresIn).toBe(1);
      const read = () => fetch(`${shortLived.baseUrl}/auth/Teams`, { headers: as(token) }).then((r) => r.status);
      expect(await read()).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await read()).toBe(401);
    } finally {
      await shortLived.stop();
    }
  });

  it('records the login in lastLoginDate', async () => {
    const before = (await get(`/Users/${SEEDED.viewerUserId}`)).body.lastLoginDate as string | null;
    await tokenFor('viewer');
    const after = (await get(`/Users/${SEEDED.viewerUserId}`)).body.lastLoginDate as string;
    expect(after).toMatch(DOTNET_DATE);
    expect(after).not.toBe(before);
  });
});

describe('versioned media types and routing', () => {
  it('answers with application/json;v=1.0', async () => {
    const reply = await get('/Teams');
    expect(reply.headers['content-type']).toBe('application/json;v=1.0; charset=utf-8');
  });

  it.each([V1, 'application/json', '*/*', 'application/json;v=2.0, application/json;v=1.0', 'text/html'])('serves GET with Accept %s', async (accept) => {
    const reply = await call('GET', '/cxrestapi/auth/Teams', { headers: { authorization: `Bearer ${admin}`, accept } });
    expect(reply.status).toBe(200);
  });

  it('answers 406 to Accept v=2.0, and to a write with Content-Type v=2.0 without applying it', async () => {
    const read = await call('GET', '/cxrestapi/auth/Teams', { headers: as(admin, { accept: 'application/json;v=2.0' }) });
    expect(read.status).toBe(406);
    expect(read.body).toEqual({ messageCode: expect.any(Number), messageDetails: expect.stringContaining('2.0') });

    const before = await memberIds(SEEDED.bigTeamId);
    const write = await send('PUT', `/Teams/${SEEDED.bigTeamId}/Users`, { userIds: [3] }, admin, 'application/json;v=2.0');
    expect(write.status).toBe(406);
    expect(await memberIds(SEEDED.bigTeamId)).toEqual(before);
  });

  it('takes writes with plain application/json too', async () => {
    expect((await send('PUT', `/Teams/${SEEDED.emptyTeamId}/Users`, { userIds: [3] }, admin, 'application/json')).status).toBe(204);
    expect(await memberIds(SEEDED.emptyTeamId)).toEqual([3]);
  });

  it('matches paths case-insensitively, logging the route template', async () => {
    const canonical = await get(`/Teams/${SEEDED.bigTeamId}/Users`);
    const shouted = await call('GET', `/CXRESTAPI/AUTH/TEAMS/${SEEDED.bigTeamId}/users`, { headers: as(admin) });
    expect(shouted.status).toBe(200);
    expect(shouted.body).toEqual(canonical.body);
    expect(server.log.list().at(-1)?.route).toBe('/cxrestapi/auth/Teams/{teamId}/Users');
    const removed = await call('DELETE', `/cxrestapi/auth/teams/${SEEDED.bigTeamId}/users/${canonical.body[0].id}`, {
      headers: as(admin, { 'content-type': V1 }),
    });
    expect(removed.status).toBe(204);
  });

  it('answers an unknown route with 404 and a wrong method with 405, both in the error body', async () => {
    const unknown = await get('/Projects');
    expect(unknown).toMatchObject({ status: 404, body: { messageCode: expect.any(Number), messageDetails: expect.any(String) } });
    expect(server.log.list().at(-1)?.route).toBe('(no route)');
    expect((await send('PATCH', '/Teams')).status).toBe(405);
  });

  it.each(['abc', '1.5', '-3', '%2E%2E', '..', '99999999999'])('answers 400 to the non-integer id %s on its own route', async (id) => {
    const reply = await call('GET', `/cxrestapi/auth/Teams/${id}/Users`, { headers: as(admin) });
    expect(reply.status).toBe(400);
    expect(reply.body.messageCode).toEqual(expect.any(Number));
    expect(server.log.list().at(-1)?.route).toBe('/cxrestapi/auth/Teams/{teamId}/Users');
  });

  it('keeps an encoded slash inside its segment', async () => {
    const reply = await call('GET', '/cxrestapi/auth/Teams/4%2FUsers', { headers: as(admin) });
    expect(reply.status).toBe(400);
    expect(server.log.list().at(-1)?.route).toBe('/cxrestapi/auth/Teams/{id}');
  });
});

describe('seeded world', () => {
  it('builds a team tree at least four levels deep under /CxServer (parentId 0)', async () => {
    const teams = (await get('/Teams')).body as Array<{ id: number; name: string; fullName: string; parentId: number }>;
    expect(teams).toHaveLength(SEEDED.teamCount);
    expect(teams[0]).toEqual({ id: 1, name: 'CxServer', fullName: '/CxServer', parentId: 0 });
    const byId = new Map(teams.map((t) => [t.id, t]));
    for (const team of teams.slice(1)) {
      expect(team.fullName).toBe(`${byId.get(team.parentId)?.fullName}/${team.name}`);
    }
    expect(byId.get(SEEDED.deepTeamId)?.fullName).toBe('/CxServer/SP/Company/Engineering/Backend/Payments');
    expect(Math.max(...teams.map((t) => t.fullName.split('/').length - 1))).toBeGreaterThanOrEqual(4);
  });

  it('has 60 users of the documented shape, some inactive, with .NET dates', async () => {
    const users = (await get('/Users')).body as Array<Record<string, unknown>>;
    expect(users).toHaveLength(SEEDED.userCount);
    for (const user of users) {
      expect(Object.keys(user)).toEqual(USER_KEYS);
      expect(user.creationDate).toMatch(DOTNET_DATE);
      expect(user.expirationDate).toMatch(DOTNET_DATE);
      if (user.lastLoginDate !== null) expect(user.lastLoginDate).toMatch(DOTNET_DATE);
      expect(Number.isInteger(user.id)).toBe(true);
    }
    expect(users.filter((u) => u.active === false).length).toBeGreaterThanOrEqual(3);
    expect(users.find((u) => u.id === SEEDED.adminUserId)).toMatchObject({ userName: 'admin', active: true });
  });

  it('agrees on membership from both sides: team member lists and users teamIds', async () => {
    const users = (await get('/Users')).body as Array<{ id: number; teamIds: number[] }>;
    const teams = (await get('/Teams')).body as Array<{ id: number }>;
    for (const team of teams) {
      const fromUsers = users.filter((u) => u.teamIds.includes(team.id)).map((u) => u.id);
      expect(await memberIds(team.id)).toEqual(fromUsers);
    }
    expect(await memberIds(SEEDED.bigTeamId)).toHaveLength(SEEDED.bigTeamSize);
    expect(SEEDED.bigTeamSize).toBeGreaterThanOrEqual(30);
    expect(await memberIds(SEEDED.emptyTeamId)).toEqual([]);
  });

  it('is deterministic per seed', async () => {
    // How long seeding takes is measured by `npm run bench`, never asserted here.
    const again = await new SimServer(createCheckmarxSimulator()).start();
    const other = await new SimServer(createCheckmarxSimulator({ seed: 7 })).start();
    try {
      const usersOf = async (s: SimServer) => {
        const token = await fetch(`${s.baseUrl}/auth/identity/connect/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: tokenForm(),
        }).then((r) => r.json() as Promise<{ access_token: string }>);
        const users = (await fetch(`${s.baseUrl}/auth/Users`, { headers: as(token.access_token) }).then((r) => r.json())) as Array<Record<string, unknown>>;
        return users.filter((u) => u.id !== SEEDED.adminUserId).map((u) => [u.email, u.creationDate, u.teamIds]);
      };
      const mine = ((await get('/Users')).body as Array<Record<string, unknown>>)
        .filter((u) => u.id !== SEEDED.adminUserId)
        .map((u) => [u.email, u.creationDate, u.teamIds]);
      expect(await usersOf(again)).toEqual(mine);
      expect(await usersOf(other)).not.toEqual(mine);
    } finally {
      await again.stop();
      await other.stop();
    }
  });

  it('lists roles, and describes its credentials', async () => {
    const roles = (await get('/Roles')).body as Array<Record<string, unknown>>;
    expect(roles.length).toBeGreaterThan(3);
    for (const role of roles) expect(role).toMatchObject({ id: expect.any(Number), name: expect.any(String), permissionIds: expect.any(Array) });
    expect(sim.describe().credentials).toContain('admin');
    expect(sim.describe().credentials).toContain(CLIENT_SECRET);
  });
});

describe('team membership', () => {
  it('replaces the member set with PUT {userIds}, updating users teamIds', async () => {
    const before = await memberIds(SEEDED.bigTeamId);
    const dropped = before[0] as number;
    const reply = await send('PUT', `/Teams/${SEEDED.bigTeamId}/Users`, { userIds: [SEEDED.viewerUserId, before[1], before[1]] });
    expect(reply.status).toBe(204);
    expect(reply.body).toBeNull();
    expect(await memberIds(SEEDED.bigTeamId)).toEqual([SEEDED.viewerUserId, before[1]]);
    expect((await get(`/Users/${SEEDED.viewerUserId}`)).body.teamIds).toContain(SEEDED.bigTeamId);
    expect((await get(`/Users/${dropped}`)).body.teamIds).not.toContain(SEEDED.bigTeamId);
  });

  it('refuses a PUT naming an unknown user with 400 naming it, and applies nothing', async () => {
    const before = await memberIds(SEEDED.bigTeamId);
    const reply = await send('PUT', `/Teams/${SEEDED.bigTeamId}/Users`, { userIds: [3, 4242] });
    expect(reply.status).toBe(400);
    expect(reply.body.messageDetails).toContain('4242');
    expect(await memberIds(SEEDED.bigTeamId)).toEqual(before);
  });

  it.each([{}, { userIds: 'x' }, { userIds: [1.5] }])('refuses the malformed body %j with 400', async (body) => {
    expect((await send('PUT', `/Teams/${SEEDED.bigTeamId}/Users`, body)).status).toBe(400);
  });

  it('adds with POST idempotently (204 twice) and removes with DELETE; a non-member DELETE is 400', async () => {
    const team = `/Teams/${SEEDED.emptyTeamId}/Users/${SEEDED.viewerUserId}`;
    expect((await send('POST', team)).status).toBe(204);
    expect((await send('POST', team)).status).toBe(204);
    expect(await memberIds(SEEDED.emptyTeamId)).toEqual([SEEDED.viewerUserId]);
    expect((await send('DELETE', team)).status).toBe(204);
    const again = await send('DELETE', team);
    expect(again.status).toBe(400);
    expect(again.body.messageDetails).toMatch(/not a member/);
    expect(await memberIds(SEEDED.emptyTeamId)).toEqual([]);
  });

  it('answers 404 for an unknown team or user', async () => {
    expect((await get('/Teams/777/Users')).status).toBe(404);
    expect((await get('/Teams/777')).status).toBe(404);
    expect((await get('/Users/777')).status).toBe(404);
    expect((await send('POST', `/Teams/777/Users/3`)).status).toBe(404);
    expect((await send('POST', `/Teams/${SEEDED.emptyTeamId}/Users/777`)).status).toBe(404);
    expect((await send('PUT', `/Teams/777/Users`, { userIds: [] })).status).toBe(404);
  });

  it('refuses every write to the read-only viewer with 403, reads still allowed', async () => {
    expect((await get('/Teams', viewer)).status).toBe(200);
    const attempts = [
      send('PUT', `/Teams/${SEEDED.emptyTeamId}/Users`, { userIds: [3] }, viewer),
      send('POST', `/Teams/${SEEDED.emptyTeamId}/Users/3`, undefined, viewer),
      send('DELETE', `/Teams/${SEEDED.bigTeamId}/Users/${(await memberIds(SEEDED.bigTeamId))[0]}`, undefined, viewer),
      send('POST', '/Teams', { name: 'X', parentId: 1 }, viewer),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(403);
      expect(reply.body.messageDetails).toContain('Manage Users');
    }
    expect(await memberIds(SEEDED.emptyTeamId)).toEqual([]);
  });

  it('sets membership from the user side with PUT /Users/{id} teamIds', async () => {
    const user = (await get('/Users/3')).body;
    const reply = await send('PUT', '/Users/3', { ...user, teamIds: [SEEDED.emptyTeamId] });
    expect(reply.status).toBe(204);
    expect((await get('/Users/3')).body.teamIds).toEqual([SEEDED.emptyTeamId]);
    expect(await memberIds(SEEDED.emptyTeamId)).toEqual([3]);
    for (const teamId of user.teamIds as number[]) expect(await memberIds(teamId)).not.toContain(3);
  });
});

describe('team and user CRUD', () => {
  it('creates a team (201 + Location), moves it, and deletes it with its sub-teams and memberships', async () => {
    const made = await send('POST', '/Teams', { name: 'Mobile', parentId: SEEDED.deepTeamId });
    expect(made.status).toBe(201);
    const id = Number(String(made.headers.location).split('/').pop());
    expect((await get(`/Teams/${id}`)).body).toEqual({
      id,
      name: 'Mobile',
      fullName: '/CxServer/SP/Company/Engineering/Backend/Payments/Mobile',
      parentId: SEEDED.deepTeamId,
    });
    expect((await send('POST', '/Teams', { name: 'mobile', parentId: SEEDED.deepTeamId })).status).toBe(400);
    expect((await send('POST', '/Teams', { name: 'Nowhere', parentId: 777 })).status).toBe(400);

    // Moving Backend under QA renames the whole branch.
    expect((await send('PUT', '/Teams/5', { name: 'Backend', parentId: 10 })).status).toBe(204);
    expect((await get(`/Teams/${id}`)).body.fullName).toBe('/CxServer/SP/Company/QA/Backend/Payments/Mobile');
    expect((await send('PUT', '/Teams/5', { name: 'Backend', parentId: SEEDED.deepTeamId })).status).toBe(400);

    await send('POST', `/Teams/${id}/Users/3`);
    expect((await send('DELETE', '/Teams/5')).status).toBe(204);
    for (const gone of [5, SEEDED.deepTeamId, id]) expect((await get(`/Teams/${gone}`)).status).toBe(404);
    expect((await get('/Users/3')).body.teamIds).not.toContain(id);
    expect((await send('DELETE', '/Teams/1')).status).toBe(400);
  });

  it('creates a user (201 + Location) who can then sign in; deletes a user everywhere', async () => {
    const made = await send('POST', '/Users', {
      username: 'new.person',
      password: 'Passw0rd!',
      roleIds: [6],
      teamIds: [SEEDED.emptyTeamId],
      authenticationProviderId: 1,
      firstName: 'New',
      lastName: 'Person',
      email: 'new.person@cxsandbox.example',
      active: true,
      localeId: 1,
    });
    expect(made.status).toBe(201);
    const id = Number(String(made.headers.location).split('/').pop());
    const user = (await get(`/Users/${id}`)).body;
    expect(user).toMatchObject({ userName: 'new.person', teamIds: [SEEDED.emptyTeamId], lastLoginDate: null });
    expect(Object.keys(user)).toEqual(USER_KEYS);
    expect((await grant({ username: 'new.person', password: 'Passw0rd!' })).status).toBe(200);

    expect((await send('POST', '/Users', { username: 'admin', password: 'x', firstName: 'A', lastName: 'B', email: 'a@b.cd', teamIds: [1] })).status).toBe(400);
    expect((await send('POST', '/Users', { username: 'z', password: 'x', firstName: 'A', lastName: 'B', email: 'a@b.cd', teamIds: [] })).status).toBe(400);

    expect((await send('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await get(`/Users/${id}`)).status).toBe(404);
    expect(await memberIds(SEEDED.emptyTeamId)).toEqual([]);
    expect((await send('DELETE', `/Users/${SEEDED.adminUserId}`)).status).toBe(400);
  });
});

describe('reset', () => {
  it('puts the seeded world back', async () => {
    await send('PUT', `/Teams/${SEEDED.bigTeamId}/Users`, { userIds: [] });
    expect(await memberIds(SEEDED.bigTeamId)).toEqual([]);
    server.reset();
    expect(await memberIds(SEEDED.bigTeamId)).toHaveLength(SEEDED.bigTeamSize);
  });
});
