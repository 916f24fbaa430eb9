// Id formats are part of the provider contract: each adapter's rules give exactly its methods' INVALID errors, on both transports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaAdapter } from '../../src/providers/lambda/client.js';
import { connectorProfile } from '../../src/providers/lambda/profiles.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import { PROVIDER_IDS } from '../../src/providers/catalog.js';
import { ProviderError, type IdRules, type MemberRecord, type ProviderAdapter, type ProviderId } from '../../src/providers/types.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { SIMULATOR } from '../support/gateway.js';

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;

/** Malformed for every provider: a slash and a space fit no id format (and an id is never a path). */
const BAD = 'no/such id';

/** Well-formed containers to hold the malformed id; none need exist, since a malformed id costs no call. */
function containers(provider: ProviderId): { organizationId: string; groupId: string } {
  return {
    GOODACCESS: { organizationId: 'tenant', groupId: '00000000-0000-4000-8000-000000000000' },
    GITBOOK: { organizationId: 'someOrganization', groupId: 'someTeam' },
    BIRD: { organizationId: sandbox.birdOrganizationId, groupId: '00000000-0000-4000-8000-000000000000' },
    CHECKMARX: { organizationId: 'cxserver', groupId: '1' },
    CLOUDFLARE: { organizationId: '0'.repeat(32), groupId: '0'.repeat(32) },
  }[provider];
}

/** The error a rule throws, as the fields a caller sees. */
function thrownBy(check: () => void): unknown {
  try {
    check();
    return null;
  } catch (error) {
    return error instanceof ProviderError ? { provider: error.provider, kind: error.kind, message: error.message, field: error.field } : error;
  }
}

const seen = (entry: unknown) =>
  entry instanceof ProviderError ? { provider: entry.provider, kind: entry.kind, message: entry.message, field: entry.field } : entry;

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox));
});

afterAll(async () => {
  if (adapters) await closeAdapters(adapters);
  await sandbox?.stop();
});

describe.each(PROVIDER_IDS)('%s id rules', (provider) => {
  const adapter = () => adapters.get(provider)!;
  const rules = (): IdRules => adapter().ids;

  it('are the same rules on the lambda transport, known without credentials', () => {
    const invoker = { invoke: () => Promise.reject(new Error('no call is expected')), close: () => undefined };
    const hop = createLambdaAdapter({ provider, functionName: 'unused', invoker });
    expect(hop.ids).toBe(rules());
    expect(connectorProfile(provider).ids).toBe(rules());
  });

  it('refuse a malformed group or member id with the very error the adapter gives, for no upstream call', async () => {
    const { organizationId, groupId } = containers(provider);
    sandbox.servers[SIMULATOR[provider]].log.clear();
    const [group] = await adapter().getGroups(organizationId, [BAD]);
    const [member] = await adapter().getGroupMembers({ organizationId, groupId }, [BAD]);
    expect(thrownBy(() => rules().group(BAD))).toEqual(seen(group));
    expect(thrownBy(() => rules().member(BAD))).toEqual(seen(member));
    expect(seen(group)).toMatchObject({ provider, kind: 'INVALID', field: expect.any(String) });
    expect(seen(member)).toMatchObject({ provider, kind: 'INVALID', field: expect.any(String) });
    expect(sandbox.servers[SIMULATOR[provider]].log.list()).toEqual([]);
  });

  it('refuse a malformed organization id as the adapter does, or accept it where only one organization exists', async () => {
    const [organization] = await adapter().getOrganizations([BAD]);
    if (organization instanceof ProviderError && organization.kind === 'INVALID') {
      expect(thrownBy(() => rules().organization(BAD))).toEqual(seen(organization));
    } else {
      // GoodAccess's tenant and Checkmarx's server are names, not formats: another id names nothing.
      expect(organization).toMatchObject({ kind: 'NOT_FOUND' });
      expect(thrownBy(() => rules().organization(BAD))).toBeNull();
    }
  });

  it('refuse a malformed user id, naming the field', () => {
    expect(thrownBy(() => rules().user(BAD))).toMatchObject({ provider, kind: 'INVALID', field: expect.any(String) });
  });

  it('accept every id the provider itself gave', async () => {
    const organizations = (await adapter().listOrganizations({ size: 5 })).items;
    const groups = (await adapter().listGroups(organizations[0]!.id, { size: 5 })).items;
    const members: MemberRecord[] = (await adapter().listGroupMembers({ organizationId: groups[0]!.organizationId, groupId: groups[0]!.id }, { size: 5 }))
      .items;
    if (adapter().capabilities.organizationMembers) members.push(...(await adapter().listOrganizationMembers(organizations[0]!.id, { size: 5 })).items);
    expect(members.length).toBeGreaterThan(0);
    for (const o of organizations)
      expect(
        thrownBy(() => rules().organization(o.id)),
        o.id,
      ).toBeNull();
    for (const g of groups)
      expect(
        thrownBy(() => rules().group(g.id)),
        g.id,
      ).toBeNull();
    for (const m of members) {
      expect(
        thrownBy(() => rules().member(m.memberId)),
        m.memberId,
      ).toBeNull();
      if (m.userId !== null)
        expect(
          thrownBy(() => rules().user(m.userId!)),
          m.userId,
        ).toBeNull();
      if (rules().memberIdIsUserId && m.userId !== null) expect(m.userId).toBe(m.memberId);
    }
  });
});
