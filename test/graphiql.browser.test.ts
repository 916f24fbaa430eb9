// GraphiQL as a person meets it: opened in headless chromium with no internet, run on the sandbox, nothing fetched from afar.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAdapters, createAdapters } from '../src/providers/registry.js';
import type { ProviderAdapter, ProviderId } from '../src/providers/types.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { createGateway, type GatewayOptions } from '../src/server/gateway.js';
import { type ExampleIds, graphiqlTabs } from '../src/server/graphiql.js';
import { readExampleIds } from '../src/server/sandbox-examples.js';
import { captureLogs } from './support/logs.js';
import { sandboxProviderConfigs } from '../src/server/sandbox-providers.js';
import { isLocalUrl, launchLocalBrowser, type LocalBrowser } from './support/browser.js';

/** Rendering takes seconds here (8 s measured on a slow machine); the limit only stops a hung browser. */
const BROWSER_TEST_TIMEOUT = 90_000;
/** The same page, then thirteen tabs run one after the other (a second or two each). */
const TABS_TEST_TIMEOUT = 2 * BROWSER_TEST_TIMEOUT;
const PROVIDER_NAMES = ['GoodAccess', 'GitBook', 'Bird', 'Checkmarx', 'Cloudflare'];
const SCREENSHOT = join(tmpdir(), 'teamgraph-graphiql.png');
/** One screenshot per example tab, numbered in tab order. */
const TAB_SCREENSHOTS = join(tmpdir(), 'teamgraph-graphiql-tabs');

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;
let browser: LocalBrowser;
let examples: ExampleIds;
const servers: Server[] = [];

async function serveGateway(options: Partial<GatewayOptions> = {}): Promise<string> {
  const server = createServer(createGateway({ adapters, mode: 'SANDBOX', apiKeys: [], logger: captureLogs().logger, graphiqlExamples: examples, ...options }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/**
 * What a Monaco editor shows, top to bottom: Monaco positions its line elements absolutely and reuses them, so
 * their order in the DOM is not the order on screen; it also draws spaces as non-breaking ones.
 */
async function shownText(page: Page, editor: string): Promise<string> {
  const lines = await page.locator(`${editor} .view-line`).all();
  const shown = await Promise.all(
    lines.map(async (line) => ({
      top: Number(/top:\s*(-?[\d.]+)px/.exec((await line.getAttribute('style')) ?? '')?.[1] ?? 0),
      text: (await line.innerText()).replace(/\u00a0/g, ' '),
    })),
  );
  return shown
    .sort((a, b) => a.top - b.top)
    .map((line) => line.text)
    .join('\n');
}

/** Problems a person would see in the browser's console: uncaught errors and console.error lines. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  return problems;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  adapters = await createAdapters(sandboxProviderConfigs(sandbox));
  examples = await readExampleIds(adapters, sandbox);
  browser = await launchLocalBrowser();
}, 60_000);

afterEach(() => {
  browser.requests.length = 0;
  browser.external.length = 0;
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  if (adapters) await closeAdapters(adapters);
  await sandbox?.stop();
});

describe('GraphiQL offline', () => {
  it(
    'opens on the overview query with the sandbox key, runs it over all five providers, and fetches nothing from outside',
    async () => {
      const url = await serveGateway();
      const page = await browser.context.newPage();
      const problems = watchConsole(page);

      await page.goto(url);
      const queryEditor = 'section[aria-label="Operation Editor"]';
      await expect.poll(() => shownText(page, queryEditor), { timeout: 30_000 }).toContain('query Overview {');
      const query = await shownText(page, queryEditor);
      expect(query).toContain('providers { id name mode healthy }');
      expect(query).toContain('organizations(first: 10)');

      await page.getByRole('button', { name: 'Headers', exact: true }).click();
      const headers = await shownText(page, '.monaco-editor[data-uri$="request-headers.json"]');
      expect(JSON.parse(headers)).toEqual({ Authorization: 'Bearer sandbox' });

      const execution = page.waitForRequest((request) => request.method() === 'POST' && (request.postData() ?? '').includes('Overview'));
      await page.getByRole('button', { name: /^Execute query/ }).click();
      const request = await execution;
      expect(await request.headerValue('authorization')).toBe('Bearer sandbox');
      const response = await request.response();
      expect(response?.status()).toBe(200);
      const body = (await response?.json()) as {
        errors?: unknown;
        data: { providers: { name: string; healthy: boolean }[]; organizations: { edges: { node: { provider: string } }[] } };
      };
      expect(body.errors).toBeUndefined();
      expect(body.data.providers.map((provider) => provider.name)).toEqual(PROVIDER_NAMES);
      expect(new Set(body.data.organizations.edges.map((edge) => edge.node.provider))).toEqual(
        new Set(['GOODACCESS', 'GITBOOK', 'BIRD', 'CHECKMARX', 'CLOUDFLARE']),
      );

      // What the result pane shows, not just what came over the wire.
      const resultPane = 'section[aria-label="Result Window"]';
      await expect.poll(() => shownText(page, resultPane), { timeout: 15_000 }).toContain('"providers"');
      const result = await shownText(page, resultPane);
      for (const name of PROVIDER_NAMES) expect(result).toContain(`"name": "${name}"`);
      expect(result).not.toContain('"errors"');
      await page.screenshot({ path: SCREENSHOT });

      expect(browser.external).toEqual([]);
      expect(browser.requests.length).toBeGreaterThanOrEqual(2); // the page itself, then schema and query POSTs
      for (const seen of browser.requests) expect(isLocalUrl(seen.url), seen.url).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'opens a tab per example (a paged team, a node refetch, every mutation) and each runs as it is, with sandbox ids',
    async () => {
      const url = await serveGateway();
      const page = await browser.context.newPage();
      const problems = watchConsole(page);
      mkdirSync(TAB_SCREENSHOTS, { recursive: true });
      await page.goto(url);

      // In tab order: CreateMember runs before DeleteMember, which deletes the member it made.
      const tabs = graphiqlTabs(examples, '{}').map((tab) => {
        const [, kind, name] = /^(query|mutation) (\w+)/m.exec(tab.query) ?? [];
        return { kind: kind ?? '', name: name ?? '', variables: Object.keys(JSON.parse(tab.variables ?? '{}') as object) };
      });
      expect(tabs.map((tab) => tab.name)).toEqual([
        'Overview',
        'TeamPage',
        'Refetch',
        'Person',
        'AddMembers',
        'RemoveMembers',
        'SetMembers',
        'SetMemberRole',
        'CreateMember',
        'UpdateMember',
        'DeleteMember',
        'DisconnectMember',
        'OffboardPerson',
      ]);
      const queryEditor = 'section[aria-label="Operation Editor"]';
      const resultPane = 'section[aria-label="Result Window"]';
      const variablesEditor = '.monaco-editor[data-uri$="variables.json"]';
      for (const [index, { kind, name, variables }] of tabs.entries()) {
        // GraphiQL titles each tab with its operation's name.
        await page.locator('.graphiql-tab-button', { hasText: new RegExp(`^${name}$`) }).click();
        await expect.poll(() => shownText(page, queryEditor), { timeout: 15_000 }).toContain(`${kind} ${name}`);
        // The ids are in the Variables pane, open by default.
        const shownVariables = await shownText(page, variablesEditor);
        for (const variable of variables) expect(shownVariables, name).toContain(`"${variable}":`);

        const answered = page.waitForResponse(
          (response) => response.request().method() === 'POST' && (response.request().postData() ?? '').includes(`${kind} ${name}`),
        );
        // A click in the editor makes GraphiQL take the operation under the cursor, as a person's would; without it
        // GraphiQL may still hold the previous tab's operation name and refuse to send ("Cannot infer operation").
        await page.locator(`${queryEditor} .view-lines`).click();
        await page.getByRole('button', { name: /^Execute query/ }).click();
        const response = await answered.catch(async (error: unknown) => {
          await page.screenshot({ path: join(TAB_SCREENSHOTS, `failed-${name}.png`) });
          throw error;
        });
        expect(await response.request().headerValue('authorization')).toBe('Bearer sandbox');
        const body = (await response.json()) as { data?: Record<string, { __typename?: string } | null>; errors?: unknown };
        expect(body.errors, name).toBeUndefined();
        expect(body.data, name).toBeTruthy();
        const shown = kind === 'mutation' ? `"__typename": "${name}Success"` : name === 'Overview' ? '"providers"' : name === 'Person' ? '"person"' : '"node"';
        if (kind === 'mutation') expect(Object.values(body.data ?? {})[0]?.__typename, name).toBe(`${name}Success`);
        expect(JSON.stringify(body.data), name).not.toContain('"FAILED"');
        await expect.poll(() => shownText(page, resultPane), { timeout: 15_000 }).toContain(shown);
        expect(await shownText(page, resultPane)).not.toContain('"errors"');

        const screenshot = join(TAB_SCREENSHOTS, `${String(index + 1).padStart(2, '0')}-${name}.png`);
        await page.screenshot({ path: screenshot });
        console.log(`GraphiQL tab ${name}: ${screenshot}`);
      }

      expect(browser.external).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
    TABS_TEST_TIMEOUT,
  );

  it(
    "catches an outside request: yoga's CDN GraphiQL page is blocked and never renders (why the gateway inlines it)",
    async () => {
      const url = await serveGateway({ offlineGraphiQL: false });
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.waitForLoadState('load');

      expect(browser.external.length).toBeGreaterThan(0);
      expect(browser.external.map((seen) => new URL(seen.url).hostname)).toContain('unpkg.com');
      // Its placeholder stays: the script that would replace it with GraphiQL never arrived.
      await expect.poll(() => page.locator('#root').innerText()).toMatch(/^Loading /);
      expect(await page.getByRole('region', { name: 'Operation Editor' }).count()).toBe(0);
      await page.close();
    },
    BROWSER_TEST_TIMEOUT,
  );
});
