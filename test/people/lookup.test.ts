// findPerson, the lookup offboarding builds on, over the sandbox's adapters: its record, the providers it reads, its refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../../src/providers/types.js';
import { createRequestContext, type ContextSource } from '../../src/resolvers/context.js';
import { encodeGlobalId, localId } from '../../src/resolvers/ids.js';
import { findPerson } from '../../src/resolvers/people/lookup.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { byRoute, gatewayForFile } from '../support/gateway.js';
import { readTruth, widestPerson, type PersonSeen } from './truth.js';

const gateway = gatewayForFile();
let adapters: Map<ProviderId, ProviderAdapter>;
let source: ContextSource;
let widest: PersonSeen;

/** The provider a logged route belongs to, by its simulator's base path. */
const BASE_PATHS: ReadonlyArray<readonly [string, ProviderId]> = [
  ['/api/v1/', 'GOODACCESS'],
  ['/v1/', 'GITBOOK'],
  ['/organizations/', 'BIRD'],
  ['/cxrestapi/', 'CHECKMARX'],
  ['/client/v4/', 'CLOUDFLARE'],
];
const providerOfRoute = (route: string) => BASE_PATHS.find(([base]) => route.startsWith(base))?.[1] ?? route;

/** A fresh request's context: its own loaders, as each GraphQL request gets. */
const request = () => createRequestContext(source, null);

beforeAll(async () => {
  widest = widestPerson(await readTruth(gateway));
  adapters = await createAdapters(sandboxProviderConfigs(gateway.sandbox));
  source = { adapters, mode: 'SANDBOX' };
});

afterAll(async () => {
  if (adapters) await closeAdapters(adapters);
});

describe('findPerson', () => {
  it('gives the normalised e-mail, name, providers and every membership as MemberRecords, Bird as unjoined', async () => {
    const found = await findPerson(request(), `  ${widest.email.toUpperCase()} `);
    expect(found?.email).toBe(widest.email);
    expect(found?.displayName).toBeTruthy();
    expect(new Set(found?.providers)).toEqual(widest.providers);
    expect(found?.failures).toEqual([]);
    expect(found?.unjoined).toEqual(['BIRD']);
    // The same memberships the API's lists show, by the Member ids their records make.
    const ids = (found?.memberships ?? []).map((m) =>
      encodeGlobalId(
        'Member',
        localId({ type: 'Member', key: { provider: m.provider, organizationId: m.organizationId, groupId: m.groupId, memberId: m.memberId } }),
      ),
    );
    expect(new Set(ids)).toEqual(widest.memberships);
    expect(ids).toHaveLength(widest.memberships.size);
  });

  it('reads only the providers asked for, and a second call in the same request reads nothing more', async () => {
    const only = [...widest.providers].slice(0, 1);
    gateway.clearLogs();
    const once = await findPerson(request(), widest.email, only);
    const onceCost = byRoute(gateway.calls());
    expect(once?.providers).toEqual(only);
    expect(once?.memberships.every((m) => m.provider === only[0])).toBe(true);
    expect(new Set(gateway.calls().map((c) => providerOfRoute(c.route)))).toEqual(new Set(only));

    const context = request();
    gateway.clearLogs();
    const first = await findPerson(context, widest.email, only);
    const second = await findPerson(context, widest.email.toUpperCase(), only);
    expect(second).toEqual(first);
    expect(byRoute(gateway.calls())).toEqual(onceCost);
  });

  it('is null for an address no provider holds, with no failure', async () => {
    expect(await findPerson(request(), 'nobody.at.all@nowhere.example')).toBeNull();
  });

  it('reports a provider that cannot be read in failures, with what the others hold', async () => {
    const holder = [...widest.providers][0] as ProviderId;
    // Another provider whose members carry e-mails: it may or may not hold the person, it is read either way.
    const down = (['GOODACCESS', 'GITBOOK', 'CHECKMARX', 'CLOUDFLARE'] as const).find((p) => p !== holder) as ProviderId;
    const simulator = { GOODACCESS: 'goodaccess', GITBOOK: 'gitbook', BIRD: 'bird', CHECKMARX: 'checkmarx', CLOUDFLARE: 'cloudflare' } as const;
    gateway.sandbox.servers[simulator[down]].faults.add({ kind: 'error', status: 400 });
    try {
      const found = await findPerson(request(), widest.email);
      expect(found?.failures.map((f) => [f.provider, f.error.kind])).toEqual([[down, 'INVALID']]);
      expect(found?.providers).not.toContain(down);
      expect(found?.providers).toContain(holder);
    } finally {
      gateway.sandbox.servers[simulator[down]].faults.clear();
    }
  });

  it.each([
    ['empty', '   '],
    ['longer than an address can be', `${'a'.repeat(250)}@example.com`],
    ['not an address', 'ada at example.com'],
    ['without a domain dot', 'ada@example'],
    ['refused by the EmailAddress scalar (a comma)', 'a,b@example.com'],
  ])('refuses an e-mail that is %s with BAD_USER_INPUT, before any call', async (_why, email) => {
    gateway.clearLogs();
    await expect(findPerson(request(), email)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'email' } });
    expect(gateway.calls()).toEqual([]);
  });
});
