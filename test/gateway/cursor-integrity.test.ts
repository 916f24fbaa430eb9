// Signed cursors over HTTP: an edited or forged cursor is BAD_USER_INPUT costing no provider call; a genuine one still pages.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { createCursorCodec, type CursorPosition } from '../../src/resolvers/cursor.js';
import { byRoute, dataOf, gatewayForFile, type GraphQLAnswer } from '../support/gateway.js';

interface Group {
  id: string;
  memberCount: number | null;
}
interface Organization {
  id: string;
  provider: ProviderId;
  teams: { edges: Array<{ node: Group }> };
  userGroups: { edges: Array<{ node: Group }> };
}
interface MemberPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { memberId: string } }>;
}

const gateway = gatewayForFile();

/** The routes that list members (GitBook, Cloudflare, GoodAccess `.../members`; Checkmarx `.../Users`). */
const MEMBER_LISTS = /\/(members|Users)$/;
const PAGE = 'pageInfo { hasNextPage endCursor } edges { node { memberId } }';
const GROUP_MEMBERS = `query ($id: ID!, $after: String) { node(id: $id) { ... on MemberGroup { members(first: 5, after: $after) { ${PAGE} } } } }`;
const GROUP_LOOKUP = 'query ($id: ID!) { node(id: $id) { ... on MemberGroup { id } } }';
const ORGANIZATION_MEMBERS = `query ($id: ID!, $after: String) { node(id: $id) { ... on Organization { members(first: 5, after: $after) { ${PAGE} } } } }`;
const ORGANIZATIONS = 'query ($after: String) { organizations(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }';

/** A GitBook team and a Cloudflare user group of more than ten members (two pages of five), and Checkmarx's organization. */
let groups: Record<'GITBOOK' | 'CLOUDFLARE', string>;
let checkmarx: string;

beforeAll(async () => {
  const answer = await gateway.query<{ organizations: { edges: Array<{ node: Organization }> } }>(
    '{ organizations(first: 100) { edges { node { id provider teams(first: 100) { edges { node { id memberCount } } } userGroups(first: 100) { edges { node { id memberCount } } } } } } }',
  );
  const organizations = dataOf(answer).organizations.edges.map((e) => e.node);
  // A group with more than ten members: the largest by memberCount, or (Cloudflare says no count) the first found.
  const pageable = async (provider: ProviderId): Promise<string> => {
    const candidates = organizations.filter((o) => o.provider === provider).flatMap((o) => [...o.teams.edges, ...o.userGroups.edges].map((e) => e.node));
    candidates.sort((a, b) => (b.memberCount ?? 0) - (a.memberCount ?? 0));
    for (const group of candidates) {
      const page = await gateway.query<{ node: { members: { pageInfo: { hasNextPage: boolean } } } }>(
        'query ($id: ID!) { node(id: $id) { ... on MemberGroup { members(first: 10) { pageInfo { hasNextPage } } } } }',
        { id: group.id },
      );
      if (dataOf(page).node.members.pageInfo.hasNextPage) return group.id;
    }
    throw new Error(`no ${provider} group with more than ten members to page through`);
  };
  groups = { GITBOOK: await pageable('GITBOOK'), CLOUDFLARE: await pageable('CLOUDFLARE') };
  checkmarx = organizations.find((o) => o.provider === 'CHECKMARX')!.id;
});

/** The JSON fields inside a cursor: a client can read them (cursors are opaque, not secret), only not change them. */
function fieldsOf(cursor: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
}
const encoded = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');

/**
 * What an attacker makes of a genuine page cursor: its payload edited and re-encoded, keeping the old tag or
 * dropping it, or a made-up one; and the untouched position signed with another gateway's secret.
 */
function tampered(cursor: string, forgedToken: string): Array<[string, string]> {
  const { h: tag, ...payload } = fieldsOf(cursor);
  const edits: Array<[string, Record<string, unknown>]> = [
    ['size -5', { s: -5 }],
    ['offset 999', { o: 999 }],
    ['a forged page token', { t: forgedToken }],
    ...('n' in payload ? [['a forged next token', { n: forgedToken }] as [string, Record<string, unknown>]] : []),
  ];
  const position = { token: payload.t, size: payload.s, offset: payload.o, ...('n' in payload ? { next: payload.n } : {}) } as CursorPosition;
  return [
    ...edits.flatMap(
      ([why, edit]): Array<[string, string]> => [
        [`${why}, the old tag kept`, encoded({ ...payload, ...edit, h: tag })],
        [`${why}, no tag`, encoded({ ...payload, ...edit })],
        [`${why}, a made-up tag`, encoded({ ...payload, ...edit, h: 'A'.repeat(22) })],
      ],
    ),
    // Another gateway's cursor: the harness gives every gateway of a process one secret, so sign here with a fresh one.
    ['the genuine position signed with another secret', createCursorCodec(randomBytes(32)).encode(payload.l as string, position)],
  ];
}

/** One refused answer: BAD_USER_INPUT on `after` at `path`, no data for the connection, the cursor not echoed. */
function expectRefused(answer: GraphQLAnswer<unknown>, cursor: string, path: string[], why: string): void {
  expect(answer.errors, why).toHaveLength(1);
  const error = answer.errors![0]!;
  expect(error.extensions?.code, why).toBe('BAD_USER_INPUT');
  expect(error.extensions?.argument, why).toBe('after');
  expect(error.path, why).toEqual(path);
  expect(error.message, why).toMatch(/^Invalid cursor in `after`: /);
  expect(error.message, why).not.toContain(cursor);
  expect(JSON.stringify(answer), why).not.toContain(cursor);
  // No data for the connection: null where it stood, or its parent nulled for it.
  let data: unknown = answer.data;
  for (const key of path) data = data === null || data === undefined ? data : (data as Record<string, unknown>)[key];
  expect(data ?? null, why).toBeNull();
}

async function groupPage(id: string, after: string | null): Promise<MemberPage> {
  return dataOf(await gateway.query<{ node: { members: MemberPage } }>(GROUP_MEMBERS, { id, after })).node.members;
}

/** Two pages of five through the genuine cursor: the second starts elsewhere and repeats nobody. */
function expectNextPage(first: MemberPage, second: MemberPage, why: string): void {
  const before = first.edges.map((e) => e.node.memberId);
  const after = second.edges.map((e) => e.node.memberId);
  expect(before, why).toHaveLength(5);
  expect(after.length, why).toBeGreaterThan(0);
  expect(after[0], why).not.toBe(before[0]);
  expect(new Set([...before, ...after]).size, why).toBe(before.length + after.length);
}

describe("a group's members: GitBook (provider cursors) and Cloudflare (page numbers)", () => {
  const cases: Array<['GITBOOK' | 'CLOUDFLARE', string]> = [
    // A token shaped like GitBook's own (base64url JSON), and a Cloudflare one pointing far into the list.
    ['GITBOOK', Buffer.from(JSON.stringify({ l: 'orgs/x/teams/y/members', a: '0', s: 'forgedforgedforg' })).toString('base64url')],
    ['CLOUDFLARE', '0'],
  ];

  it('the genuine endCursor still pages on', async () => {
    for (const [provider] of cases) {
      const first = await groupPage(groups[provider], null);
      expect(first.pageInfo.hasNextPage, provider).toBe(true);
      expectNextPage(first, await groupPage(groups[provider], first.pageInfo.endCursor), provider);
    }
  });

  it('an edited or foreign cursor is BAD_USER_INPUT, and costs no call beyond the group lookup the query makes anyway', async () => {
    for (const [provider, forgedToken] of cases) {
      const id = groups[provider];
      const cursor = (await groupPage(id, null)).pageInfo.endCursor!;
      // node(id:) reads the group before its members field runs: that call is the parent's, whatever the cursor.
      gateway.clearLogs();
      dataOf(await gateway.query(GROUP_LOOKUP, { id }));
      const lookup = byRoute(gateway.calls());
      for (const [why, bad] of tampered(cursor, forgedToken)) {
        gateway.clearLogs();
        expectRefused(await gateway.query(GROUP_MEMBERS, { id, after: bad }), bad, ['node', 'members'], `${provider}: ${why}`);
        expect(
          gateway.calls().filter((c) => MEMBER_LISTS.test(c.route)),
          `${provider}: ${why}`,
        ).toEqual([]);
        expect(byRoute(gateway.calls()), `${provider}: ${why}`).toEqual(lookup);
      }
    }
  });
});

describe('connections whose parent costs no call: refused with calls() empty', () => {
  it("Checkmarx's organization members (a list read whole): the genuine cursor pages past the page size", async () => {
    const read = async (after: string | null) =>
      dataOf(await gateway.query<{ node: { members: MemberPage } }>(ORGANIZATION_MEMBERS, { id: checkmarx, after })).node.members;
    const first = await read(null);
    const second = await read(first.pageInfo.endCursor);
    expectNextPage(first, second, 'second page');
    // Offsets 10 and on index the whole list, past the page size of 5: still the cursor's own.
    if (second.pageInfo.hasNextPage) expectNextPage(second, await read(second.pageInfo.endCursor), 'third page');
  });

  it("Checkmarx's organization members: edited and foreign cursors", async () => {
    const read = (after: string | null) => gateway.query<{ node: { members: MemberPage } }>(ORGANIZATION_MEMBERS, { id: checkmarx, after });
    const cursor = dataOf(await read(null)).node.members.pageInfo.endCursor!;
    for (const [why, bad] of tampered(cursor, 'forged')) {
      gateway.clearLogs();
      expectRefused(await read(bad), bad, ['node', 'members'], why);
      expect(gateway.calls(), why).toEqual([]);
    }
  });

  it('organizations: the genuine cursor pages on; an edited or foreign one is refused with no call', async () => {
    const read = (after: string | null) =>
      gateway.query<{ organizations: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string } }> } }>(
        ORGANIZATIONS,
        { after },
      );
    const first = dataOf(await read(null)).organizations;
    const second = dataOf(await read(first.pageInfo.endCursor)).organizations;
    const ids = [...first.edges, ...second.edges].map((e) => e.node.id);
    expect(second.edges[0]?.node.id).not.toBe(first.edges[0]?.node.id);
    expect(new Set(ids).size).toBe(ids.length);

    const cursor = first.pageInfo.endCursor!;
    const { h: tag, ...payload } = fieldsOf(cursor);
    const bad: Array<[string, string]> = [
      ['provider index -1, the old tag kept', encoded({ ...payload, p: -1, h: tag })],
      ['index 999, no tag', encoded({ ...payload, i: 999 })],
      ['a page size added, the old tag kept', encoded({ ...payload, s: -5, h: tag })],
      [
        'signed with another secret',
        createCursorCodec(randomBytes(32)).encodeIndex(payload.l as string, { provider: payload.p as number, index: payload.i as number }),
      ],
    ];
    for (const [why, after] of bad) {
      gateway.clearLogs();
      expectRefused(await read(after), after, ['organizations'], why);
      expect(gateway.calls(), why).toEqual([]);
    }
  });
});
