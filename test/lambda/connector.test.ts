// The connector's side of the hop: payload checks, per-call results and errors, recorded upstream calls, size limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/providers/lambda/serve.js';
import { WIRE_VERSION, type InvokeResponse } from '../../src/providers/lambda/wire.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../../src/providers/types.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { sandboxProviderConfigs, sandboxProviderEnv } from '../../src/server/sandbox-providers.js';
import { loadConnector } from './support/connectors.js';

const ORG = 'IQGUo8l0pVJFnf0qicw8';
const page = { size: 2 };

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox));
});
afterAll(async () => {
  await closeAdapters(adapters);
  await sandbox?.stop();
});

function results(response: InvokeResponse) {
  if (!('results' in response)) throw new Error(`expected results, got ${JSON.stringify(response)}`);
  return response.results;
}

describe('a connector', () => {
  it('runs every call of an Invoke and answers per call, each with the upstream calls it made', async () => {
    const connector = createConnector('GITBOOK', adapters.get('GITBOOK') ?? null);
    sandbox.reset();
    const response = await connector.serve({
      v: WIRE_VERSION,
      provider: 'GITBOOK',
      calls: [
        { method: 'listGroups', args: [ORG, page] },
        { method: 'getOrganizations', args: [[ORG, 'noSuchOrganization00']] },
        { method: 'listGroups', args: ['not an id!', page] },
      ],
    });
    const [teams, orgs, invalid] = results(response);
    expect(teams).toMatchObject({ ok: true, value: { items: [{ provider: 'GITBOOK' }, { provider: 'GITBOOK' }] } });
    expect(teams?.events.map((e) => `${e.method} ${e.route}`)).toEqual(['GET /v1/orgs/{organizationId}/teams']);
    // Batch entries: a record, and a NOT_FOUND as a serialised ProviderError, never a thrown failure.
    expect(orgs).toMatchObject({ ok: true, value: [{ value: { id: ORG } }, { error: { kind: 'NOT_FOUND', provider: 'GITBOOK' } }] });
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'INVALID', provider: 'GITBOOK' }, events: [] });
    // Each call's events are its own, and together they are what the simulator answered.
    const total = results(response).reduce((sum, result) => sum + result.events.length, 0);
    expect(total).toBe(sandbox.servers.gitbook.log.list().length);
    expect(response).toMatchObject({ v: WIRE_VERSION, provider: 'GITBOOK', breaker: 'closed' });
  });

  it('checks each call alone: bad arguments and missing native writes fail that call only', async () => {
    const connector = createConnector('BIRD', adapters.get('BIRD') ?? null);
    const response = await connector.serve({
      v: WIRE_VERSION,
      provider: 'BIRD',
      calls: [
        { method: 'listOrganizations', args: [{ size: 'ten' }] },
        { method: 'replaceMembers', args: [{ organizationId: sandbox.birdOrganizationId, groupId: 'x' }, []] },
        { method: 'listOrganizations', args: [page] },
      ],
    });
    const [bad, unsupported, fine] = results(response);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'INVALID', field: 'listOrganizations.args[0][size]' } });
    expect(unsupported).toMatchObject({ ok: false, error: { kind: 'UNSUPPORTED', message: 'Bird has no native replaceMembers' } });
    expect(fine).toMatchObject({ ok: true, value: { items: [{ id: sandbox.birdOrganizationId }] } });
  });

  it("refuses a malformed envelope or another provider's calls as a whole, with UNAVAILABLE", async () => {
    const connector = createConnector('GITBOOK', adapters.get('GITBOOK') ?? null);
    expect(await connector.serve({ calls: 'everything' })).toMatchObject({ failure: { kind: 'UNAVAILABLE', message: expect.stringContaining('same deploy') } });
    expect(await connector.serve({ v: WIRE_VERSION, provider: 'CLOUDFLARE', calls: [{ method: 'listOrganizations', args: [page] }] })).toMatchObject({
      failure: { kind: 'UNAVAILABLE', message: expect.stringContaining('serves GITBOOK, not CLOUDFLARE') },
    });
  });

  it('turns an unexpected exception into an `unexpected` result, without its message', async () => {
    const broken = { ...adapters.get('GITBOOK'), listOrganizations: () => Promise.reject(new TypeError('secret-ish internals')) } as ProviderAdapter;
    const reported: unknown[] = [];
    const connector = createConnector('GITBOOK', broken, { report: (_m, error) => reported.push(error) });
    const [result] = results(await connector.serve({ v: WIRE_VERSION, provider: 'GITBOOK', calls: [{ method: 'listOrganizations', args: [page] }] }));
    expect(result).toEqual({ ok: false, unexpected: 'GitBook connector: listOrganizations failed unexpectedly', events: [] });
    expect(reported).toHaveLength(1);
  });

  it('keeps its answer under the Lambda response limit by failing the largest results alone', async () => {
    const connector = createConnector('GITBOOK', adapters.get('GITBOOK') ?? null, { maxResponseBytes: 20_000 });
    const response = await connector.serve({
      v: WIRE_VERSION,
      provider: 'GITBOOK',
      calls: [
        { method: 'listOrganizationMembers', args: [ORG, { size: 200 }] },
        { method: 'listOrganizations', args: [page] },
      ],
    });
    const [big, small] = results(response);
    expect(big).toMatchObject({ ok: false, error: { kind: 'UNAVAILABLE', message: expect.stringContaining('ask for smaller pages') } });
    expect(small).toMatchObject({ ok: true });
    expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThan(20_000);
  });
});

describe('the connector Lambda module', () => {
  it('serves its provider with the credentials of its own environment', async () => {
    const handler = await loadConnector('CLOUDFLARE', sandboxProviderEnv(sandbox));
    const response = (await handler({ v: WIRE_VERSION, provider: 'CLOUDFLARE', calls: [{ method: 'listOrganizations', args: [page] }] })) as InvokeResponse;
    expect(results(response)[0]).toMatchObject({ ok: true, value: { items: [{ provider: 'CLOUDFLARE' }, { provider: 'CLOUDFLARE' }] } });
  });

  it('without credentials, says which ones are missing instead of crashing', async () => {
    const handler = await loadConnector('GITBOOK', {});
    expect(await handler({ v: WIRE_VERSION, provider: 'GITBOOK', calls: [{ method: 'listOrganizations', args: [page] }] })).toMatchObject({
      failure: { kind: 'UNAVAILABLE', message: expect.stringContaining('has no credentials') },
    });
  });
});
