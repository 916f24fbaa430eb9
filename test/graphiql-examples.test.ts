// GraphiQL's example tabs over HTTP: each runs as it is on the sandbox, again where it says so, with ids read at start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAdapters, createAdapters } from '../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../src/providers/types.js';
import { startSandbox } from '../src/sandbox/index.js';
import { DEFAULT_QUERY, EXAMPLE_PASSWORD, type ExampleIds, type GraphiQLTab, graphiqlTabs } from '../src/server/graphiql.js';
import { exampleIdLines, readExampleIds } from '../src/server/sandbox-examples.js';
import { sandboxProviderConfigs } from '../src/server/sandbox-providers.js';
import { dataOf, gatewayForFile } from './support/gateway.js';
import { leakedSecrets } from './support/logs.js';

const gateway = gatewayForFile({}, { resetEach: true });
let adapters: Map<ProviderId, ProviderAdapter>;
let ids: ExampleIds;
let tabs: Map<string, GraphiQLTab>;

const nameOf = (tab: GraphiQLTab) => /^(?:query|mutation) (\w+)/m.exec(tab.query)?.[1] ?? '';

async function run(name: string, variables: Record<string, unknown> = {}) {
  const tab = tabs.get(name);
  if (!tab) throw new Error(`no tab ${name}`);
  return dataOf(await gateway.query<Record<string, { __typename?: string }>>(tab.query, { ...JSON.parse(tab.variables ?? '{}'), ...variables }));
}

const typenameOf = (data: Record<string, { __typename?: string }>) => Object.values(data)[0]?.__typename;

beforeAll(async () => {
  adapters = await createAdapters(sandboxProviderConfigs(gateway.sandbox));
  ids = await readExampleIds(adapters, gateway.sandbox);
  tabs = new Map(graphiqlTabs(ids, '{}').map((tab) => [nameOf(tab), tab]));
});

afterAll(async () => {
  if (adapters) await closeAdapters(adapters);
});

describe('GraphiQL example tabs', () => {
  it('run in tab order, each answering data and no error, each mutation its success type with no FAILED change', async () => {
    expect([...tabs.keys()]).toHaveLength(13);
    for (const name of tabs.keys()) {
      const data = await run(name);
      if (/^mutation/m.test(tabs.get(name)?.query ?? '')) expect(typenameOf(data), name).toBe(`${name}Success`);
      expect(JSON.stringify(data), name).not.toContain('"FAILED"');
    }
    // The password went to the sandbox and nowhere else.
    expect(leakedSecrets([EXAMPLE_PASSWORD])).toEqual([]);
  });

  it('run again, still succeed, but for deleteMember, whose member is gone (as its comment says)', async () => {
    for (const name of tabs.keys()) await run(name);
    for (const name of tabs.keys()) {
      const data = await run(name);
      if (!/^mutation/m.test(tabs.get(name)?.query ?? '')) continue;
      expect(typenameOf(data), name).toBe(name === 'DeleteMember' ? 'NotFoundError' : `${name}Success`);
    }
  });

  it('page a team: endCursor as after gives the next five, down to the last page', async () => {
    type Page = { node: { members: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string } }> } } };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const { members }: Page['node'] = ((await run('TeamPage', { after })) as unknown as Page).node;
      expect(members.edges.length).toBeLessThanOrEqual(5);
      seen.push(...members.edges.map((edge) => edge.node.id));
      if (!members.pageInfo.hasNextPage) break;
      after = members.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(ids.team.memberCount);
    expect(new Set(seen).size).toBe(seen.length);
    expect(ids.team.memberCount).toBeGreaterThan(5);
  });

  it('are the same ids at every start (the sandbox is seeded), and npm start prints them', async () => {
    const other = await startSandbox();
    const otherAdapters = await createAdapters(sandboxProviderConfigs(other));
    try {
      expect(await readExampleIds(otherAdapters, other)).toEqual(ids);
    } finally {
      await closeAdapters(otherAdapters);
      await other.stop();
    }
    const lines = exampleIdLines(ids).join('\n');
    for (const id of [ids.team.id, ids.group.id, ids.teamMember.id, ids.outsider.email]) expect(lines).toContain(id);
  });

  it('without sandbox ids (live providers): the overview alone, so no tab changes real data', () => {
    expect(graphiqlTabs(null, '{}')).toEqual([{ query: DEFAULT_QUERY, variables: null, headers: '{}' }]);
  });
});
