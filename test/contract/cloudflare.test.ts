// The Cloudflare adapter against its sandbox over real HTTP: reads, paging, batches, native writes and every error kind.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCloudflareAdapter } from '../../src/providers/cloudflare/index.js';
import type { CallEvent } from '../../src/providers/http.js';
import { ProviderError, type MemberChange, type MemberRecord, type Page, type PageRequest, type ProviderAdapter } from '../../src/providers/types.js';
import { toGraphQLError } from '../../src/resolvers/errors.js';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createCloudflareSimulator } from '../../src/sandbox/cloudflare/index.js';

const sim = createCloudflareSimulator();
const server = new SimServer(sim);
const { mainAccountId: ACCOUNT, smallAccountId: SMALL, bigGroupId: BIG, emptyGroupId: EMPTY } = sim.ids;
const NOBODY = '0'.repeat(32);
const FAST = { timeouts: { headersMs: 300, deadlineMs: 1500 }, retry: { baseDelayMs: 5 } };

const BASE = '/client/v4';
const R = {
  accounts: `${BASE}/accounts`,
  account: `${BASE}/accounts/{account_id}`,
  accountMembers: `${BASE}/accounts/{account_id}/members`,
  accountMember: `${BASE}/accounts/{account_id}/members/{member_id}`,
  userGroups: `${BASE}/accounts/{account_id}/iam/user_groups`,
  userGroup: `${BASE}/accounts/{account_id}/iam/user_groups/{user_group_id}`,
  groupMembers: `${BASE}/accounts/{account_id}/iam/user_groups/{user_group_id}/members`,
  groupMember: `${BASE}/accounts/{account_id}/iam/user_groups/{user_group_id}/members/{member_id}`,
};

let adapter: ProviderAdapter;
const big = { organizationId: ACCOUNT, groupId: BIG };
const empty = { organizationId: ACCOUNT, groupId: EMPTY };

beforeAll(async () => {
  await server.start();
  adapter = createCloudflareAdapter({ baseUrl: server.baseUrl, token: 'sandbox-token', http: FAST });
});
afterAll(async () => {
  await adapter.close();
  await server.stop();
});
beforeEach(() => server.reset());

/** Calls the log recorded while `work` ran, as `METHOD route` strings. */
async function callsOf<T>(work: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const before = server.log.list().length;
  const result = await work();
  return {
    result,
    calls: server.log
      .list()
      .slice(before)
      .map((e) => `${e.method} ${e.route}`),
  };
}

async function failureOf(work: () => Promise<unknown>): Promise<ProviderError> {
  const outcome = await work().then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ProviderError);
  return outcome as ProviderError;
}

/** Follows `next` to the end, checking each page's size bound. */
async function walk<T>(list: (page: PageRequest) => Promise<Page<T>>, size: number): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const page: Page<T> = await list({ after, size });
    expect(page.items.length).toBeLessThanOrEqual(size);
    items.push(...page.items);
    if (page.next === null) return items;
    after = page.next;
  }
  throw new Error('paging did not end');
}

function outsiders(group: string, count: number): string[] {
  const inside = new Set(sim.groupMemberIds(ACCOUNT, group));
  return sim
    .accountMembers(ACCOUNT)
    .filter((m) => m.status !== 'rejected' && !inside.has(m.id))
    .slice(0, count)
    .map((m) => m.id);
}

describe('capabilities', () => {
  it('says what the API does natively', () => {
    expect(adapter.id).toBe('CLOUDFLARE');
    expect(adapter.name).toBe('Cloudflare');
    expect(adapter.capabilities).toMatchObject({
      organizations: 'list',
      groupKind: 'userGroup',
      organizationMembers: true,
      pagination: 'pageNumber',
      maxPageSize: 500,
      filters: { status: false, emailContains: true, groupName: true },
      writes: { addMember: true, addMembersBulk: true, removeMember: true, removeMembersBulk: false, replaceMembers: true, refsByEmail: false },
    });
    expect(adapter.removeMembers).toBeUndefined();
    expect(adapter.setMemberRole).toBeUndefined();
  });
});

describe('accounts and user groups', () => {
  it('lists accounts as organizations and reads them back: GETs for a few, one list call for more', async () => {
    const orgs = await walk((page) => adapter.listOrganizations(page), 1);
    expect(orgs.map((o) => o.name).sort()).toEqual(['Acme Corporation', 'Side Project']);
    expect(orgs[0]).toMatchObject({ provider: 'CLOUDFLARE', raw: expect.objectContaining({ type: expect.any(String) }) });

    const few = await callsOf(() => adapter.getOrganizations([SMALL, NOBODY, ACCOUNT]));
    expect(few.result.map((r) => (r instanceof ProviderError ? r.kind : r.name))).toEqual(['Side Project', 'NOT_FOUND', 'Acme Corporation']);
    expect(few.calls).toEqual(Array(3).fill(`GET ${R.account}`));

    const many = await callsOf(() => adapter.getOrganizations([ACCOUNT, 'f'.repeat(32), 'e'.repeat(32), SMALL, ACCOUNT]));
    expect(many.result.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([ACCOUNT, 'NOT_FOUND', 'NOT_FOUND', SMALL, ACCOUNT]);
    expect(many.calls).toEqual([`GET ${R.accounts}`]);
  });

  it('lists user groups with fuzzyName upstream, and pages them at any size', async () => {
    const groups = await walk((page) => adapter.listGroups(ACCOUNT, page), 3);
    expect(groups).toHaveLength(10);
    expect(new Set(groups.map((g) => g.id)).size).toBe(10);
    const engineering = groups.find((g) => g.id === BIG);
    expect(engineering).toMatchObject({ kind: 'userGroup', name: 'Engineering', memberCount: null, parentId: null, organizationId: ACCOUNT });
    expect(new Date(engineering?.createdAt as string).toISOString()).toBe(engineering?.createdAt);

    const filtered = await adapter.listGroups(ACCOUNT, { size: 50 }, { name: 'OPER' });
    expect(filtered.items.map((g) => g.name)).toEqual(['DNS Operators']);
    expect(filtered.totalCount).toBe(1);
  });

  it('reads groups by id: one GET each for three or fewer, one list call for more, NOT_FOUND and INVALID in place', async () => {
    const few = await callsOf(() => adapter.getGroups(ACCOUNT, [EMPTY, NOBODY, BIG]));
    expect(few.result.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([EMPTY, 'NOT_FOUND', BIG]);
    expect(few.calls).toEqual(Array(3).fill(`GET ${R.userGroup}`));

    const ids = (await adapter.listGroups(ACCOUNT, { size: 10 })).items.map((g) => g.id);
    const many = await callsOf(() => adapter.getGroups(ACCOUNT, [...ids.slice(0, 5), NOBODY, 'not-an-id']));
    expect(many.result.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([...ids.slice(0, 5), 'NOT_FOUND', 'INVALID']);
    expect(many.calls).toEqual([`GET ${R.userGroups}`]);

    const missingAccount = await failureOf(() => adapter.getGroups(NOBODY, [BIG]));
    expect(missingAccount.kind).toBe('NOT_FOUND');
  });
});

describe('group members: paging', () => {
  it('walks the 600-member group at sizes 7, 100 and 500 with nothing missed or repeated', async () => {
    const seeded = [...sim.groupMemberIds(ACCOUNT, BIG)].sort();
    for (const [size, pages] of [
      [7, 86],
      [100, 6],
      [500, 2],
    ] as const) {
      const { result, calls } = await callsOf(() => walk((page) => adapter.listGroupMembers(big, page), size));
      const ids = result.map((m) => m.memberId);
      expect(ids.length, `size ${size}`).toBe(600);
      expect(new Set(ids).size).toBe(600);
      expect([...ids].sort()).toEqual(seeded);
      expect(calls).toEqual(Array(pages).fill(`GET ${R.groupMembers}`));
    }
  });

  it('walks at size 1 for a few pages, then jumps near the end and finishes with nothing missed', async () => {
    const all = (await walk((page) => adapter.listGroupMembers(big, page), 500)).map((m) => m.memberId);
    const head: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page: Page<MemberRecord> = await adapter.listGroupMembers(big, { after, size: 1 });
      expect(page.items).toHaveLength(1);
      expect(page.totalCount).toBe(600);
      head.push(page.items[0]?.memberId as string);
      after = page.next;
    }
    expect(head).toEqual(all.slice(0, 4));
    // The token is the next item's index (docs/providers/cloudflare.md), so a caller can resume anywhere.
    const tail = await walk((page) => adapter.listGroupMembers(big, { ...page, after: page.after ?? '595' }), 1);
    expect(tail.map((m) => m.memberId)).toEqual(all.slice(595));
  });

  it('ends on an empty page past the last one, and on a token beyond the end', async () => {
    const past = await adapter.listGroupMembers(big, { after: '600', size: 100 });
    expect(past).toEqual({ items: [], next: null, totalCount: 600 });
    const emptyGroup = await callsOf(() => adapter.listGroupMembers(empty, { size: 20 }));
    expect(emptyGroup.result).toEqual({ items: [], next: null, totalCount: 0 });
    expect(emptyGroup.calls).toHaveLength(1);
    expect((await failureOf(() => adapter.listGroupMembers(big, { after: 'page-2', size: 5 }))).kind).toBe('INVALID');
  });

  it('keeps a walk whole when the size changes between pages', async () => {
    const all = (await walk((page) => adapter.listGroupMembers(big, page), 500)).map((m) => m.memberId);
    const seen: string[] = [];
    let after: string | null = null;
    for (const size of [10, 25, 7, 500, 3, 500]) {
      const page: Page<MemberRecord> = await adapter.listGroupMembers(big, { after, size });
      seen.push(...page.items.map((m) => m.memberId));
      after = page.next;
      if (after === null) break;
    }
    expect(after).toBeNull();
    expect(seen).toEqual(all);
  });

  it('filters by e-mail upstream (fuzzyEmail) and maps list items without a user id', async () => {
    const page = await adapter.listGroupMembers(big, { size: 500 }, { emailContains: 'Ada.' });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.totalCount).toBe(page.items.length);
    for (const member of page.items) {
      expect(member.email).toContain('ada.');
      expect(member).toMatchObject({ provider: 'CLOUDFLARE', groupId: BIG, organizationId: ACCOUNT, userId: null, role: null });
      expect(['ACTIVE', 'PENDING']).toContain(member.status);
      expect(member.raw).toEqual({ id: member.memberId, email: member.email, status: expect.any(String) });
    }
  });
});

describe('group members: batch reads', () => {
  it('reads one member with a GET (MemberGet: user id, names, created_at)', async () => {
    const id = sim.groupMemberIds(ACCOUNT, BIG)[0] as string;
    const { result, calls } = await callsOf(() => adapter.getGroupMembers(big, [id]));
    expect(calls).toEqual([`GET ${R.groupMember}`]);
    const member = result[0] as MemberRecord;
    expect(member.memberId).toBe(id);
    expect(member.userId).toMatch(/^[0-9a-f]{32}$/);
    expect(member.userId).not.toBe(id);
    expect(member.createdAt).toBe(new Date((member.raw as { created_at: string }).created_at).toISOString());
    expect(member.joinedAt).toBe(member.createdAt);
    if (member.firstName !== null) expect(member.displayName).toBe(`${member.firstName} ${member.lastName}`);
  });

  it('reads 2+ members with one list call at per_page 500, in order, NOT_FOUND and INVALID in place', async () => {
    const ids = (await adapter.listGroupMembers(big, { size: 500 })).items
      .slice(0, 5)
      .map((m) => m.memberId)
      .reverse();
    const found = await callsOf(() => adapter.getGroupMembers(big, [...ids, '../x', ids[0] as string]));
    expect(found.calls).toEqual([`GET ${R.groupMembers}`]);
    expect(found.result.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual([...ids, 'INVALID', ids[0]]);
    // An id that is not there keeps the walk going to the end: 600 members at 500 per page.
    const unknown = await callsOf(() => adapter.getGroupMembers(big, [...ids, NOBODY]));
    expect(unknown.calls).toEqual(Array(2).fill(`GET ${R.groupMembers}`));
    expect(unknown.result.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual([...ids, 'NOT_FOUND']);
  });

  it('reports a missing group as NOT_FOUND rather than a missing member', async () => {
    expect((await failureOf(() => adapter.getGroupMembers({ organizationId: ACCOUNT, groupId: NOBODY }, [BIG]))).kind).toBe('NOT_FOUND');
    const single = await adapter.getGroupMembers(big, [NOBODY]);
    expect((single[0] as ProviderError).kind).toBe('NOT_FOUND');
  });
});

describe('account members', () => {
  it('lists account members with user ids, statuses and MFA, at sizes below the API minimum of 5', async () => {
    const first = await adapter.listOrganizationMembers(ACCOUNT, { size: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.totalCount).toBe(700);
    const all = await callsOf(() => walk((page) => adapter.listOrganizationMembers(ACCOUNT, page), 50));
    expect(all.calls).toEqual(Array(14).fill(`GET ${R.accountMembers}`));
    const members = all.result;
    expect(new Set(members.map((m) => m.memberId)).size).toBe(700);
    const byId = new Map(sim.accountMembers(ACCOUNT).map((m) => [m.id, m.status]));
    const expected = { accepted: 'ACTIVE', pending: 'PENDING', rejected: 'UNKNOWN' } as Record<string, string>;
    for (const member of members) {
      expect(member.status).toBe(expected[byId.get(member.memberId) as string]);
      expect(member.userId).toMatch(/^[0-9a-f]{32}$/);
      expect(member.userId).not.toBe(member.memberId);
      expect(typeof member.mfaEnabled).toBe('boolean');
      expect(member.groupId).toBeNull();
    }
    const named = members.find((m) => m.firstName !== null) as MemberRecord;
    expect(named.displayName).toBe(`${named.firstName} ${named.lastName}`);
    expect(members.filter((m) => m.status === 'PENDING').every((m) => m.displayName === null)).toBe(true);
  });

  it('filters one status upstream and e-mails page by page', async () => {
    const pending = await walk((page) => adapter.listOrganizationMembers(ACCOUNT, page, { status: ['PENDING'] }), 50);
    expect(pending.length).toBe(sim.accountMembers(ACCOUNT).filter((m) => m.status === 'pending').length);
    const byEmail = await walk((page) => adapter.listOrganizationMembers(ACCOUNT, page, { emailContains: 'zoe.' }), 50);
    expect(byEmail.length).toBe(sim.accountMembers(ACCOUNT).filter((m) => m.email.includes('zoe.')).length);
    expect(byEmail.length).toBeGreaterThan(0);
  });

  it('reads 300 members in one paged walk at per_page 50 (never one GET per id), and one with a single GET', async () => {
    const listed = (await walk((page) => adapter.listOrganizationMembers(ACCOUNT, page), 50)).map((m) => m.memberId);
    const wanted = listed.slice(0, 300).reverse();
    const { result, calls } = await callsOf(() => adapter.getOrganizationMembers(ACCOUNT, wanted));
    expect(result.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual(wanted);
    // per_page is capped at 50 on this list [doc], so 300 members are 6 pages; the walk stops at the last one found.
    expect(calls).toEqual(Array(6).fill(`GET ${R.accountMembers}`));

    const scattered = listed.filter((_, i) => i % 7 === 0).slice(0, 90);
    const spread = await callsOf(() => adapter.getOrganizationMembers(ACCOUNT, [...scattered, NOBODY]));
    // An unknown id keeps the walk going to the last page: 700 members are 14 pages, still far fewer than 91 GETs.
    expect(spread.calls).toEqual(Array(14).fill(`GET ${R.accountMembers}`));
    expect(spread.result.slice(0, -1).map((r) => (r as MemberRecord).memberId)).toEqual(scattered);
    expect((spread.result.at(-1) as ProviderError).kind).toBe('NOT_FOUND');

    const one = await callsOf(() => adapter.getOrganizationMembers(ACCOUNT, [listed[0] as string]));
    expect(one.calls).toEqual([`GET ${R.accountMember}`]);
    expect((one.result[0] as MemberRecord).userId).not.toBeNull();
  });
});

describe('writes', () => {
  it('adds 10 members with exactly one POST, classified ADDED against a read before it', async () => {
    const ids = outsiders(EMPTY, 10);
    const { result, calls } = await callsOf(
      () =>
        adapter.addMembers?.(
          empty,
          ids.map((memberId) => ({ memberId })),
        ) as Promise<unknown>,
    );
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([`POST ${R.groupMembers}`]);
    expect(calls.length).toBe(2);
    expect(result).toEqual(ids.map((memberId) => ({ ref: { memberId }, status: 'ADDED' })));
    expect(sim.groupMemberIds(ACCOUNT, EMPTY).sort()).toEqual([...ids].sort());
  });

  it('says ALREADY_MEMBER for those already in, posts only the rest, and posts nothing when all are in', async () => {
    const inside = sim.groupMemberIds(ACCOUNT, BIG).slice(0, 3);
    const fresh = outsiders(BIG, 2);
    const refs = [inside[0], fresh[0], inside[1], fresh[1], inside[2]].map((memberId) => ({ memberId: memberId as string }));
    const { result, calls } = await callsOf(() => adapter.addMembers?.(big, refs) as Promise<unknown>);
    expect((result as Array<{ status: string }>).map((c) => c.status)).toEqual(['ALREADY_MEMBER', 'ADDED', 'ALREADY_MEMBER', 'ADDED', 'ALREADY_MEMBER']);
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
    expect(sim.groupMemberIds(ACCOUNT, BIG)).toHaveLength(602);

    const again = await callsOf(() => adapter.addMember?.(big, { memberId: inside[0] as string }) as Promise<unknown>);
    expect(again.result).toEqual({ ref: { memberId: inside[0] }, status: 'ALREADY_MEMBER' });
    expect(again.calls).toEqual([`GET ${R.groupMember}`]);
  });

  it('reports ids the account lacks as FAILED INVALID and still adds the rest (found by reading the account)', async () => {
    const good = outsiders(EMPTY, 3);
    const refs = [good[0], NOBODY, good[1], 'f'.repeat(32), good[2]].map((memberId) => ({ memberId: memberId as string }));
    const { result, calls } = await callsOf(() => adapter.addMembers?.(empty, refs) as Promise<Array<{ status: string; error?: ProviderError }>>);
    expect(result.map((c) => c.status)).toEqual(['ADDED', 'FAILED', 'ADDED', 'FAILED', 'ADDED']);
    expect(result[1]?.error?.kind).toBe('INVALID');
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
    expect(
      server.log
        .list()
        .filter((e) => e.method === 'POST')
        .map((e) => e.status),
    ).toEqual([400, 200]);
    expect(sim.groupMemberIds(ACCOUNT, EMPTY).sort()).toEqual([...good].sort());
  });

  it('refuses e-mail refs and malformed ids before any call', async () => {
    const before = server.log.list().length;
    expect((await failureOf(() => adapter.addMembers?.(empty, [{ email: 'a@acme.example' }]) as Promise<unknown>)).kind).toBe('INVALID');
    expect((await failureOf(() => adapter.replaceMembers?.(empty, [{ memberId: 'ABC' }]) as Promise<unknown>)).kind).toBe('INVALID');
    expect((await failureOf(() => adapter.removeMember?.(empty, { memberId: '..' }) as Promise<unknown>)).kind).toBe('INVALID');
    expect(server.log.list().length).toBe(before);
  });

  it('replaces the member set with one read and exactly one PUT: ADDED, ALREADY_MEMBER, REMOVED', async () => {
    const current = sim.groupMemberIds(ACCOUNT, BIG);
    const keep = current.slice(0, 2);
    const fresh = outsiders(BIG, 1);
    const refs = [...keep, ...fresh].map((memberId) => ({ memberId }));
    const { result, calls } = await callsOf(() => adapter.replaceMembers?.(big, refs) as Promise<Array<{ ref: { memberId: string }; status: string }>>);
    expect(calls.filter((c) => c.startsWith('PUT'))).toEqual([`PUT ${R.groupMembers}`]);
    expect(calls.filter((c) => c.startsWith('GET'))).toHaveLength(2); // 600 members at 500 per page
    expect(result.slice(0, 3).map((c) => c.status)).toEqual(['ALREADY_MEMBER', 'ALREADY_MEMBER', 'ADDED']);
    const removed = result.slice(3);
    expect(removed).toHaveLength(598);
    expect(removed.every((c) => c.status === 'REMOVED')).toBe(true);
    expect(removed.map((c) => c.ref.memberId).sort()).toEqual(current.slice(2).sort());
    expect(sim.groupMemberIds(ACCOUNT, BIG).sort()).toEqual([...keep, ...fresh].sort());

    const cleared = await callsOf(() => adapter.replaceMembers?.(big, []) as Promise<Array<{ status: string }>>);
    expect(cleared.result.map((c) => c.status)).toEqual(['REMOVED', 'REMOVED', 'REMOVED']);
    expect(sim.groupMemberIds(ACCOUNT, BIG)).toEqual([]);
  });

  it('fails a replace naming an unknown id as INVALID and leaves the group unchanged', async () => {
    const before = sim.groupMemberIds(ACCOUNT, BIG);
    const error = await failureOf(() => adapter.replaceMembers?.(big, [{ memberId: before[0] as string }, { memberId: NOBODY }]) as Promise<unknown>);
    expect(error.kind).toBe('INVALID');
    expect(error.message).toContain(NOBODY);
    expect(sim.groupMemberIds(ACCOUNT, BIG)).toEqual(before);
  });

  it('removes with one DELETE: REMOVED, then NOT_A_MEMBER; a missing group is NOT_FOUND', async () => {
    const id = sim.groupMemberIds(ACCOUNT, BIG)[0] as string;
    const first = await callsOf(() => adapter.removeMember?.(big, { memberId: id }) as Promise<unknown>);
    expect(first.result).toEqual({ ref: { memberId: id }, status: 'REMOVED' });
    expect(first.calls).toEqual([`DELETE ${R.groupMember}`]);
    expect(sim.groupMemberIds(ACCOUNT, BIG)).not.toContain(id);
    expect(await adapter.removeMember?.(big, { memberId: id })).toEqual({ ref: { memberId: id }, status: 'NOT_A_MEMBER' });
    const missing = await failureOf(() => adapter.removeMember?.({ organizationId: ACCOUNT, groupId: NOBODY }, { memberId: id }) as Promise<unknown>);
    expect(missing.kind).toBe('NOT_FOUND');
  });
});

describe('errors', () => {
  it('maps 401 to UNAUTHENTICATED without ever showing the token', async () => {
    const secret = 'cf-secret-token-4f9a1c';
    const wrong = createCloudflareAdapter({ baseUrl: server.baseUrl, token: secret, http: FAST });
    try {
      const error = await failureOf(() => wrong.listOrganizations({ size: 5 }));
      expect(error.kind).toBe('UNAUTHENTICATED');
      expect(error.status).toBe(401);
      expect(error.message).toContain('code 10000');
      expect(JSON.stringify({ ...error.toJSON(), stack: error.stack })).not.toContain(secret);
    } finally {
      await wrong.close();
    }
  });

  it('maps the read-only token writes to FORBIDDEN', async () => {
    const readonly = createCloudflareAdapter({ baseUrl: server.baseUrl, token: 'sandbox-readonly-token', http: FAST });
    try {
      expect((await readonly.listGroupMembers(big, { size: 5 })).items).toHaveLength(5);
      const error = await failureOf(
        () =>
          readonly.addMembers?.(
            empty,
            outsiders(EMPTY, 2).map((memberId) => ({ memberId })),
          ) as Promise<unknown>,
      );
      expect(error.kind).toBe('FORBIDDEN');
      expect(sim.groupMemberIds(ACCOUNT, EMPTY)).toEqual([]);
    } finally {
      await readonly.close();
    }
  });

  it('maps 404, 409 and 422 to NOT_FOUND, CONFLICT and INVALID', async () => {
    const missing = await failureOf(() => adapter.listGroupMembers({ organizationId: ACCOUNT, groupId: NOBODY }, { size: 5 }));
    expect(missing.kind).toBe('NOT_FOUND');
    expect(missing.message).toContain('code 1001');
    for (const [status, kind] of [
      [409, 'CONFLICT'],
      [422, 'INVALID'],
      [400, 'INVALID'],
    ] as const) {
      server.faults.add({ kind: 'error', status, times: 1, match: { route: R.userGroups } });
      expect((await failureOf(() => adapter.listGroups(ACCOUNT, { size: 5 }))).kind).toBe(kind);
    }
  });

  it('waits out a 429 with Retry-After when it fits the deadline', async () => {
    server.faults.add({ kind: 'rateLimit', retryAfter: 1, times: 1, match: { route: R.accounts } });
    const started = Date.now();
    const page = await adapter.listOrganizations({ size: 5 });
    expect(page.items).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.log.list().map((e) => e.status)).toEqual([429, 200]);
  });

  it('honours the enforced budget: waits for the lockout, or says RATE_LIMITED with retryAfter when it cannot', async () => {
    const limited = new SimServer(createCloudflareSimulator({ rateLimit: { quota: 2, windowSeconds: 60, lockoutSeconds: 1 } }));
    const strict = new SimServer(createCloudflareSimulator({ rateLimit: { quota: 1, windowSeconds: 60, lockoutSeconds: 30 } }));
    await Promise.all([limited.start(), strict.start()]);
    const patient = createCloudflareAdapter({ baseUrl: limited.baseUrl, token: 'sandbox-token', http: FAST });
    const hasty = createCloudflareAdapter({ baseUrl: strict.baseUrl, token: 'sandbox-token', http: FAST });
    try {
      for (let i = 0; i < 3; i++) await patient.listOrganizations({ size: 5 });
      expect(limited.log.list().map((e) => e.status)).toEqual([200, 200, 429, 200]);

      await hasty.listOrganizations({ size: 5 });
      const error = await failureOf(() => hasty.listOrganizations({ size: 5 }));
      expect(error.kind).toBe('RATE_LIMITED');
      expect(error.retryAfter).toBe(30);
      expect(strict.log.list().map((e) => e.status)).toEqual([200, 429]);
    } finally {
      await Promise.all([patient.close(), hasty.close()]);
      await Promise.all([limited.stop(), strict.stop()]);
    }
  });

  it('recovers from 5xx by retrying reads, and says UNAVAILABLE when retries run out', async () => {
    server.faults.add({ kind: 'error', status: 503, times: 2, match: { route: R.groupMembers } });
    expect((await adapter.listGroupMembers(big, { size: 5 })).items).toHaveLength(5);
    expect(server.log.list().map((e) => e.status)).toEqual([503, 503, 200]);

    server.reset();
    server.faults.add({ kind: 'error', status: 502, times: 3, match: { route: R.groupMembers } });
    const error = await failureOf(() => adapter.listGroupMembers(big, { size: 5 }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(server.log.list()).toHaveLength(3);
  });

  it('never resends a POST or DELETE, and does resend the idempotent PUT', async () => {
    const ids = outsiders(EMPTY, 2);
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { method: 'POST', route: R.groupMembers } });
    const post = await failureOf(
      () =>
        adapter.addMembers?.(
          empty,
          ids.map((memberId) => ({ memberId })),
        ) as Promise<unknown>,
    );
    expect(post.kind).toBe('UNAVAILABLE');
    expect(server.log.count({ method: 'POST' })).toBe(1);

    const inside = sim.groupMemberIds(ACCOUNT, BIG)[0] as string;
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { method: 'DELETE', route: R.groupMember } });
    expect((await failureOf(() => adapter.removeMember?.(big, { memberId: inside }) as Promise<unknown>)).kind).toBe('UNAVAILABLE');
    expect(server.log.count({ method: 'DELETE' })).toBe(1);

    server.faults.add({ kind: 'error', status: 503, times: 1, match: { method: 'PUT', route: R.groupMembers } });
    await adapter.replaceMembers?.(
      empty,
      ids.map((memberId) => ({ memberId })),
    );
    expect(
      server.log
        .list()
        .filter((e) => e.method === 'PUT')
        .map((e) => e.status),
    ).toEqual([503, 200]);
    expect(sim.groupMemberIds(ACCOUNT, EMPTY).sort()).toEqual([...ids].sort());
  });

  it('times out a hanging call', async () => {
    server.faults.add({ kind: 'hang', match: { route: R.accounts } });
    const started = Date.now();
    const error = await failureOf(() => adapter.listOrganizations({ size: 5 }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('says BAD_RESPONSE for a body that is not JSON or does not match the wire types', async () => {
    server.faults.add({ kind: 'malformed', times: 3, match: { route: R.userGroups } });
    expect((await failureOf(() => adapter.listGroups(ACCOUNT, { size: 5 }))).kind).toBe('BAD_RESPONSE');
  });

  it('opens the circuit after repeated failures and then fails fast without calling', async () => {
    const fragile = createCloudflareAdapter({
      baseUrl: server.baseUrl,
      token: 'sandbox-token',
      http: { ...FAST, retry: { attempts: 1 }, breaker: { failureThreshold: 3, resetAfterMs: 60_000 } },
    });
    try {
      server.faults.add({ kind: 'error', status: 503, match: { route: R.accounts } });
      for (let i = 0; i < 3; i++) expect((await failureOf(() => fragile.listOrganizations({ size: 5 }))).kind).toBe('UNAVAILABLE');
      expect(fragile.breakerState()).toBe('open');
      const logged = server.log.list().length;
      expect((await failureOf(() => fragile.listOrganizations({ size: 5 }))).message).toContain('circuit open');
      expect(server.log.list().length).toBe(logged);
    } finally {
      await fragile.close();
    }
  });
});

describe('ids in paths', () => {
  it('rejects ids that could leave their segment before any call, in every position', async () => {
    const before = server.log.list().length;
    for (const bad of ['../x', 'a/b', '%2F', '..', BIG.toUpperCase(), `${BIG}0`]) {
      expect((await failureOf(() => adapter.listGroups(bad, { size: 5 }))).kind).toBe('INVALID');
      expect((await failureOf(() => adapter.listGroupMembers({ organizationId: ACCOUNT, groupId: bad }, { size: 5 }))).kind).toBe('INVALID');
      expect((await failureOf(() => adapter.removeMember?.(big, { memberId: bad }) as Promise<unknown>)).kind).toBe('INVALID');
      expect(((await adapter.getGroups(ACCOUNT, [bad]))[0] as ProviderError).kind).toBe('INVALID');
      expect(((await adapter.getOrganizationMembers(ACCOUNT, [bad]))[0] as ProviderError).kind).toBe('INVALID');
    }
    expect(server.log.list().length).toBe(before);
  });

  it('tells observers exactly the calls the simulator logged', async () => {
    const events: CallEvent[] = [];
    const stop = adapter.observe((event) => events.push(event));
    await adapter.getGroupMembers(big, sim.groupMemberIds(ACCOUNT, BIG).slice(0, 3));
    await adapter.listOrganizationMembers(ACCOUNT, { size: 5 });
    stop();
    expect(events.map((e) => `${e.method} ${e.route}`)).toEqual(server.log.list().map((e) => `${e.method} ${e.route}`));
  });
});

/**
 * The same adapter against the answers the vendor documents: statuses and the v4 envelope, without the
 * sandbox's invented codes (`inferredErrorCodes: false`: `errors: []`), or with a code the adapter has never
 * heard of (an injected 404 carries 7003). Ambiguous 404s are settled by reading state, refused bulk writes
 * by reading the account's members.
 */
describe('undocumented answers: status and state decide', () => {
  const bareSim = createCloudflareSimulator({ inferredErrorCodes: false });
  const bareServer = new SimServer(bareSim);
  let bare: ProviderAdapter;
  const bareBig = { organizationId: bareSim.ids.mainAccountId, groupId: bareSim.ids.bigGroupId };
  const bareEmpty = { organizationId: bareSim.ids.mainAccountId, groupId: bareSim.ids.emptyGroupId };
  const missingGroup = { organizationId: bareSim.ids.mainAccountId, groupId: NOBODY };

  beforeAll(async () => {
    await bareServer.start();
    bare = createCloudflareAdapter({ baseUrl: bareServer.baseUrl, token: 'sandbox-token', http: FAST });
  });
  afterAll(async () => {
    await bare.close();
    await bareServer.stop();
  });
  beforeEach(() => bareServer.reset());

  const bareCalls = () => bareServer.log.list().map((e) => `${e.method} ${e.route} ${e.status}`);
  const bareOutsiders = (count: number) => {
    const inside = new Set(bareSim.groupMemberIds(bareSim.ids.mainAccountId, bareSim.ids.emptyGroupId));
    return bareSim
      .accountMembers(bareSim.ids.mainAccountId)
      .filter((m) => m.status !== 'rejected' && !inside.has(m.id))
      .slice(0, count)
      .map((m) => m.id);
  };

  it('the simulator really answers without codes in this mode', async () => {
    const response = await fetch(`${bareServer.baseUrl}/accounts/${bareSim.ids.mainAccountId}/iam/user_groups/${NOBODY}/members`, {
      headers: { authorization: 'Bearer sandbox-token' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ success: false, errors: [], messages: [], result: null });
  });

  it('removeMember: a bare 404 is NOT_A_MEMBER when one read shows the group exists, NOT_FOUND when it does not', async () => {
    const id = bareSim.groupMemberIds(bareSim.ids.mainAccountId, bareSim.ids.bigGroupId)[0] as string;
    expect(await bare.removeMember?.(bareBig, { memberId: id })).toEqual({ ref: { memberId: id }, status: 'REMOVED' });
    bareServer.log.clear();
    expect(await bare.removeMember?.(bareBig, { memberId: id })).toEqual({ ref: { memberId: id }, status: 'NOT_A_MEMBER' });
    expect(bareCalls()).toEqual([`DELETE ${R.groupMember} 404`, `GET ${R.userGroup} 200`]);

    bareServer.log.clear();
    const missing = await failureOf(() => bare.removeMember?.(missingGroup, { memberId: id }) as Promise<unknown>);
    expect(missing).toMatchObject({ kind: 'NOT_FOUND', status: 404 });
    expect(bareCalls()).toEqual([`DELETE ${R.groupMember} 404`, `GET ${R.userGroup} 404`]);
  });

  it('removeMember: a 404 with a code the adapter does not know (7003) is settled the same way', async () => {
    const id = sim.groupMemberIds(ACCOUNT, BIG)[0] as string;
    server.faults.add({ kind: 'error', status: 404, times: 1, match: { method: 'DELETE', route: R.groupMember } });
    const { result, calls } = await callsOf(() => adapter.removeMember?.(big, { memberId: id }) as Promise<unknown>);
    // The 404 answered for the DELETE, so nothing was removed; the group is there, so the member was "not a member".
    expect(result).toEqual({ ref: { memberId: id }, status: 'NOT_A_MEMBER' });
    expect(calls).toEqual([`DELETE ${R.groupMember}`, `GET ${R.userGroup}`]);

    server.faults.add({ kind: 'error', status: 404, times: 2 });
    expect((await failureOf(() => adapter.removeMember?.(big, { memberId: id }) as Promise<unknown>)).kind).toBe('NOT_FOUND');
  });

  it('a successful DELETE costs no extra read', async () => {
    const id = bareSim.groupMemberIds(bareSim.ids.mainAccountId, bareSim.ids.bigGroupId)[1] as string;
    bareServer.log.clear();
    await bare.removeMember?.(bareBig, { memberId: id });
    expect(bareCalls()).toEqual([`DELETE ${R.groupMember} 200`]);
  });

  it('bulk add with one unknown id: the account is read to find it, only it FAILS, the rest is added by a second POST', async () => {
    const good = bareOutsiders(2);
    const refs = [good[0], NOBODY, good[1]].map((memberId) => ({ memberId: memberId as string }));
    bareServer.log.clear();
    const result = (await bare.addMembers?.(bareEmpty, refs)) as MemberChange[];
    expect(result.map((c) => c.status)).toEqual(['ADDED', 'FAILED', 'ADDED']);
    expect(result[1]?.error).toMatchObject({ kind: 'INVALID', field: 'memberId' });
    expect(result[1]?.error?.message).toContain(NOBODY);
    // Three ids: a GET each (cheaper than any page walk), after the classifying read and the refused POST.
    const calls = bareCalls();
    expect(calls).toHaveLength(6);
    expect(calls.slice(0, 2)).toEqual([`GET ${R.groupMembers} 200`, `POST ${R.groupMembers} 400`]);
    expect(calls.slice(2, 5).sort()).toEqual([`GET ${R.accountMember} 200`, `GET ${R.accountMember} 200`, `GET ${R.accountMember} 404`]);
    expect(calls[5]).toBe(`POST ${R.groupMembers} 200`);
    expect(bareSim.groupMemberIds(bareSim.ids.mainAccountId, bareSim.ids.emptyGroupId).sort()).toEqual([...good].sort());
  });

  it('bulk add: an account member whose invitation was rejected cannot join, and is the one that FAILS', async () => {
    const rejected = bareSim.accountMembers(bareSim.ids.mainAccountId).find((m) => m.status === 'rejected')?.id as string;
    const [good] = bareOutsiders(1) as [string];
    const result = (await bare.addMembers?.(bareEmpty, [{ memberId: rejected }, { memberId: good }])) as MemberChange[];
    expect(result.map((c) => c.status)).toEqual(['FAILED', 'ADDED']);
    expect(result[0]?.error?.kind).toBe('INVALID');
  });

  it('bulk add of many ids: one page of the account members, then whichever is fewer, GETs or pages', async () => {
    const good = bareOutsiders(8);
    const refs = [...good, NOBODY, 'e'.repeat(32)].map((memberId) => ({ memberId }));
    bareServer.log.clear();
    const result = (await bare.addMembers?.(bareEmpty, refs)) as MemberChange[];
    expect(result.map((c) => c.status)).toEqual([...good.map(() => 'ADDED'), 'FAILED', 'FAILED']);
    const lookups = bareServer.log.list().filter((e) => e.route === R.accountMembers || e.route === R.accountMember);
    // 700 members are 14 pages of 50; 10 ids cost the first page and at most one GET each for the unseen ones.
    expect(lookups.filter((e) => e.route === R.accountMembers)).toHaveLength(1);
    expect(lookups.length).toBeLessThanOrEqual(1 + refs.length);
    expect(
      bareServer.log
        .list()
        .filter((e) => e.method === 'POST')
        .map((e) => e.status),
    ).toEqual([400, 200]);
  });

  it('replace with an unknown id: INVALID naming it, found by reading the account; nothing changes', async () => {
    const before = bareSim.groupMemberIds(bareSim.ids.mainAccountId, bareSim.ids.bigGroupId);
    const error = await failureOf(() => bare.replaceMembers?.(bareBig, [{ memberId: before[0] as string }, { memberId: NOBODY }]) as Promise<unknown>);
    expect(error).toMatchObject({ kind: 'INVALID', status: 400 });
    expect(error.message).toContain(NOBODY);
    expect(error.message).not.toContain(before[0] as string);
    expect(bareSim.groupMemberIds(bareSim.ids.mainAccountId, bareSim.ids.bigGroupId)).toEqual(before);
  });

  it('a refused POST whose ids are all account members is thrown as it is, and nothing is resent', async () => {
    const ids = outsiders(EMPTY, 2);
    for (const [status, kind] of [
      [400, 'INVALID'],
      [404, 'NOT_FOUND'],
    ] as const) {
      server.reset();
      server.faults.add({ kind: 'error', status, times: 1, match: { method: 'POST', route: R.groupMembers } });
      const error = await failureOf(
        () =>
          adapter.addMembers?.(
            empty,
            ids.map((memberId) => ({ memberId })),
          ) as Promise<unknown>,
      );
      expect(error).toMatchObject({ kind, status });
      expect(server.log.count({ method: 'POST' })).toBe(1);
      expect(sim.groupMemberIds(ACCOUNT, EMPTY)).toEqual([]);
    }
  });

  it('reads: a bare 404 on a single GET is NOT_FOUND in place (no code says the group is missing)', async () => {
    bareServer.log.clear();
    const [entry] = await bare.getGroupMembers(missingGroup, [NOBODY]);
    expect((entry as ProviderError).kind).toBe('NOT_FOUND');
    expect(bareCalls()).toEqual([`GET ${R.groupMember} 404`]);
    // A list is not ambiguous: a missing group fails it.
    expect((await failureOf(() => bare.listGroupMembers(missingGroup, { size: 5 }))).kind).toBe('NOT_FOUND');
  });

  it('reads: the sandbox hint "group not found" only prompts one read of the group, which decides', async () => {
    const { calls } = await callsOf(() => failureOf(() => adapter.getGroupMembers({ organizationId: ACCOUNT, groupId: NOBODY }, [BIG])));
    expect(calls).toEqual([`GET ${R.groupMember}`, `GET ${R.userGroup}`]);
    const present = await callsOf(() => adapter.getGroupMembers(big, [NOBODY]));
    expect(present.calls).toEqual([`GET ${R.groupMember}`]);
  });
});

describe('credentials refused as observed in the field', () => {
  it('400 code 6003 (a malformed token) is UNAUTHENTICATED, PROVIDER_UNAUTHENTICATED to clients, never bad input', async () => {
    const secret = 'not a token!';
    const malformed = createCloudflareAdapter({ baseUrl: server.baseUrl, token: secret, http: FAST });
    try {
      const read = await failureOf(() => malformed.listOrganizations({ size: 5 }));
      expect(read).toMatchObject({ kind: 'UNAUTHENTICATED', status: 400 });
      expect(read.message).toContain('code 6003');
      expect(toGraphQLError(read).extensions.code).toBe('PROVIDER_UNAUTHENTICATED');
      expect(JSON.stringify({ ...read.toJSON(), stack: read.stack })).not.toContain(secret);
      // A write whose refusals the adapter reads itself (DELETE accepts 404) still says UNAUTHENTICATED.
      const id = sim.groupMemberIds(ACCOUNT, BIG)[0] as string;
      expect(await failureOf(() => malformed.removeMember?.(big, { memberId: id }) as Promise<unknown>)).toMatchObject({
        kind: 'UNAUTHENTICATED',
        status: 400,
      });
      expect(sim.groupMemberIds(ACCOUNT, BIG)).toContain(id);
      expect(server.log.count({ method: 'GET', route: R.userGroup })).toBe(0);
    } finally {
      await malformed.close();
    }
  });

  it('403 code 10000 (a valid token without the permission) is FORBIDDEN, on reads and writes', async () => {
    const unscoped = createCloudflareAdapter({ baseUrl: server.baseUrl, token: 'sandbox-unscoped-token', http: FAST });
    try {
      const read = await failureOf(() => unscoped.listGroups(ACCOUNT, { size: 5 }));
      expect(read).toMatchObject({ kind: 'FORBIDDEN', status: 403 });
      expect(read.message).toContain('code 10000');
      expect(toGraphQLError(read).extensions.code).toBe('PROVIDER_FORBIDDEN');
      expect(
        (
          await failureOf(
            () =>
              unscoped.addMembers?.(
                empty,
                outsiders(EMPTY, 1).map((memberId) => ({ memberId })),
              ) as Promise<unknown>,
          )
        ).kind,
      ).toBe('FORBIDDEN');
      expect(sim.groupMemberIds(ACCOUNT, EMPTY)).toEqual([]);
    } finally {
      await unscoped.close();
    }
  });
});
