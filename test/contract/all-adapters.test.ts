// One interface, five APIs: the same invariants checked on every adapter against the whole embedded sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBirdAdapter } from '../../src/providers/bird/index.js';
import { createCheckmarxAdapter } from '../../src/providers/checkmarx/index.js';
import { createCloudflareAdapter } from '../../src/providers/cloudflare/index.js';
import { createGitBookAdapter } from '../../src/providers/gitbook/index.js';
import { createGoodAccessAdapter } from '../../src/providers/goodaccess/index.js';
import type { CallEvent } from '../../src/providers/http.js';
import {
  ProviderError,
  type GroupRecord,
  type MemberRecord,
  type OrganizationRecord,
  type Page,
  type PageRequest,
  type ProviderAdapter,
} from '../../src/providers/types.js';
import { startSandbox, type Sandbox, type SandboxProvider } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
const adapters = new Map<SandboxProvider, ProviderAdapter>();

/** An id of the right format that names nothing, per provider. */
const UNKNOWN_ID: Record<SandboxProvider, string> = {
  goodaccess: '00000000-0000-4000-8000-000000000000',
  gitbook: 'nobody-here-000',
  bird: '00000000-0000-4000-8000-000000000000',
  checkmarx: '999999',
  cloudflare: '0'.repeat(32),
};

beforeAll(async () => {
  sandbox = await startSandbox();
  const http = { retry: { baseDelayMs: 5 } };
  const urls = sandbox.baseUrls;
  adapters.set('goodaccess', createGoodAccessAdapter({ baseUrl: urls.goodaccess, token: 'sandbox-token', http }));
  adapters.set('gitbook', createGitBookAdapter({ baseUrl: urls.gitbook, token: 'sandbox-token', http }));
  adapters.set('bird', createBirdAdapter({ baseUrl: urls.bird, accessKey: 'sandbox-token', organizationId: sandbox.birdOrganizationId, http }));
  adapters.set('checkmarx', createCheckmarxAdapter({ baseUrl: urls.checkmarx, username: 'admin', password: 'sandbox', http }));
  adapters.set('cloudflare', createCloudflareAdapter({ baseUrl: urls.cloudflare, token: 'sandbox-token', http }));
});

afterAll(async () => {
  await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
  await sandbox?.stop();
});

/** Every item of a paged list, following `next` until it is null. */
async function all<T>(list: (page: PageRequest) => Promise<Page<T>>, size: number, paged = true): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 2_000; pages++) {
    const page: Page<T> = await list({ after, size });
    // APIs without paging hand back the whole list (the resolvers slice it); the others honour the size.
    if (paged) expect(page.items.length).toBeLessThanOrEqual(size);
    items.push(...page.items);
    if (page.next === null) return items;
    expect(page.next).not.toBe(after);
    after = page.next;
  }
  throw new Error('paging did not end');
}

function expectIsoOrNull(value: string | null): void {
  if (value !== null) expect(new Date(value).toISOString()).toBe(value);
}

function checkMember(adapter: ProviderAdapter, member: MemberRecord): void {
  expect(member.provider).toBe(adapter.id);
  expect(member.memberId).toMatch(/\S/);
  expect(typeof member.raw).toBe('object');
  for (const stamp of [member.createdAt, member.updatedAt, member.joinedAt, member.lastLoginAt]) expectIsoOrNull(stamp);
  if (!adapter.capabilities.memberRoles) expect(member.role).toBeNull();
}

/** The first organization, and its group with the most members among the first few (so paging is real). */
async function firstOrgAndGroup(adapter: ProviderAdapter): Promise<{ org: OrganizationRecord; group: GroupRecord; members: MemberRecord[] }> {
  const org = (await adapter.listOrganizations({ size: 10 })).items[0];
  if (!org) throw new Error(`${adapter.name} has no organization`);
  const groups = await all((page) => adapter.listGroups(org.id, page), adapter.capabilities.maxPageSize);
  let best: { group: GroupRecord; members: MemberRecord[] } | undefined;
  for (const group of groups.slice(0, 4)) {
    const members = await all((page) => adapter.listGroupMembers({ organizationId: org.id, groupId: group.id }, page), adapter.capabilities.maxPageSize);
    if (!best || members.length > best.members.length) best = { group, members };
  }
  if (!best) throw new Error(`${adapter.name} has no group`);
  return { org, ...best };
}

describe.each(['goodaccess', 'gitbook', 'bird', 'checkmarx', 'cloudflare'] as const)('%s adapter', (name) => {
  const adapter = () => adapters.get(name) as ProviderAdapter;

  it('declares writes it implements and implements the writes it declares', () => {
    const { writes } = adapter().capabilities;
    const methods = {
      addMember: 'addMember',
      addMembersBulk: 'addMembers',
      removeMember: 'removeMember',
      removeMembersBulk: 'removeMembers',
      replaceMembers: 'replaceMembers',
      setMemberRole: 'setMemberRole',
      createMember: 'createMember',
      updateMember: 'updateMember',
      deleteMember: 'deleteMember',
      disconnectMember: 'disconnectMember',
    } as const;
    for (const [capability, method] of Object.entries(methods)) {
      expect(typeof adapter()[method] === 'function', `${capability} vs ${method}()`).toBe(writes[capability as keyof typeof methods]);
    }
  });

  it('lists organizations, and reads them back in order with NOT_FOUND for an unknown one', async () => {
    const orgs = await all((page) => adapter().listOrganizations(page), 10, adapter().capabilities.organizations === 'list');
    expect(orgs.length).toBeGreaterThan(0);
    for (const org of orgs) expect(org).toMatchObject({ provider: adapter().id, id: expect.any(String), name: expect.any(String) });
    const ids = orgs.map((org) => org.id);
    const read = await adapter().getOrganizations([...ids].reverse());
    expect(read.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([...ids].reverse());
  });

  it('pages groups and members the same at a small size as at the largest: nothing missed or repeated', async () => {
    const { org, group, members } = await firstOrgAndGroup(adapter());
    expect(members.length).toBeGreaterThan(0);
    const ref = { organizationId: org.id, groupId: group.id };
    const paged = adapter().capabilities.pagination !== 'none';
    const small = await all((page) => adapter().listGroupMembers(ref, page), 7, paged);
    expect(small.map((m) => m.memberId).sort()).toEqual(members.map((m) => m.memberId).sort());
    expect(new Set(small.map((m) => m.memberId)).size).toBe(small.length);
    for (const member of small) {
      checkMember(adapter(), member);
      expect(member.organizationId).toBe(org.id);
      expect(member.groupId).toBe(group.id);
    }
    if (group.memberCount !== null) expect(group.memberCount).toBe(members.length);

    const groups = await all((page) => adapter().listGroups(org.id, page), 3, paged);
    expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
    for (const g of groups) expect(g).toMatchObject({ provider: adapter().id, organizationId: org.id, kind: adapter().capabilities.groupKind });
  });

  it('reads a batch of members in order, NOT_FOUND in place for an unknown id, in fewer calls than ids', async () => {
    const { org, group, members } = await firstOrgAndGroup(adapter());
    const wanted = members
      .slice(0, 5)
      .map((m) => m.memberId)
      .reverse();
    const ids = [...wanted, UNKNOWN_ID[name]];
    const calls: CallEvent[] = [];
    const stop = adapter().observe((event) => calls.push(event));
    const read = await adapter().getGroupMembers({ organizationId: org.id, groupId: group.id }, ids);
    stop();
    expect(read).toHaveLength(ids.length);
    expect(read.slice(0, wanted.length).map((r) => (r instanceof ProviderError ? r.message : r.memberId))).toEqual(wanted);
    const last = read[read.length - 1];
    expect(last).toBeInstanceOf(ProviderError);
    expect((last as ProviderError).kind).toBe('NOT_FOUND');
    expect(calls.length).toBeLessThan(ids.length);
  });

  it('reads groups back by id in order', async () => {
    const org = (await adapter().listOrganizations({ size: 10 })).items[0] as OrganizationRecord;
    const groups = (await adapter().listGroups(org.id, { size: 5 })).items;
    const ids = [...groups.map((g) => g.id).reverse(), UNKNOWN_ID[name]];
    const read = await adapter().getGroups(org.id, ids);
    expect(read.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([...groups.map((g) => g.id).reverse(), 'NOT_FOUND']);
  });

  it('serves organization members where it says it can, and UNSUPPORTED with no call where it cannot', async () => {
    const org = (await adapter().listOrganizations({ size: 10 })).items[0] as OrganizationRecord;
    const calls: CallEvent[] = [];
    const stop = adapter().observe((event) => calls.push(event));
    if (adapter().capabilities.organizationMembers) {
      const page = await adapter().listOrganizationMembers(org.id, { size: 20 });
      expect(page.items.length).toBeGreaterThan(0);
      for (const member of page.items) {
        checkMember(adapter(), member);
        expect(member.groupId).toBeNull();
      }
    } else {
      const error = await adapter()
        .listOrganizationMembers(org.id, { size: 20 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe('UNSUPPORTED');
      expect(calls).toHaveLength(0);
    }
    stop();
  });

  it('rejects ids that try to leave their path segment before any call', async () => {
    const org = (await adapter().listOrganizations({ size: 10 })).items[0] as OrganizationRecord;
    const server = sandbox.servers[name];
    const before = server.log.list().length;
    for (const id of ['../x', 'a/b', '%2F', '..']) {
      const outcome = await adapter()
        .getGroups(org.id, [id])
        .then((read) => read[0])
        .catch((e: unknown) => e);
      expect(outcome, `group id ${id}`).toBeInstanceOf(ProviderError);
      expect(['INVALID', 'NOT_FOUND']).toContain((outcome as ProviderError).kind);
    }
    // Whatever was sent landed on a group route, never on another one.
    for (const entry of server.log.list().slice(before)) expect(entry.route).not.toBe('(no route)');
  });

  it('tells observers exactly the calls the simulator logged', async () => {
    const server = sandbox.servers[name];
    const before = server.log.list().length;
    const calls: CallEvent[] = [];
    const stop = adapter().observe((event) => calls.push(event));
    await firstOrgAndGroup(adapter());
    stop();
    const logged = server.log.list().slice(before);
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual(logged.map((e) => `${e.method} ${e.route}`));
    expect(adapter().breakerState()).toBe('closed');
  });
});
