// GraphiQL as a person meets it: opened in headless chromium with no internet, run on the sandbox, nothing fetched from afar.
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
import { captureLogs } from './support/logs.js';
import { sandboxProviderConfigs } from '../src/server/sandbox-providers.js';
import { isLocalUrl, launchLocalBrowser, type LocalBrowser } from './support/browser.js';

/** Rendering takes seconds here (8 s measured on a slow machine); the limit only stops a hung browser. */
const BROWSER_TEST_TIMEOUT = 90_000;
const PROVIDER_NAMES = ['GoodAccess', 'GitBook', 'Bird', 'Checkmarx', 'Cloudflare'];
const SCREENSHOT = join(tmpdir(), 'teamgraph-graphiql.png');

let sandbox: Sandbox;
let adapters: Map<ProviderId, ProviderAdapter>;
let browser: LocalBrowser;
const servers: Server[] = [];

async function serveGateway(options: Partial<GatewayOptions> = {}): Promise<string> {
  const server = createServer(createGateway({ adapters, mode: 'SANDBOX', apiKeys: [], logger: captureLogs().logger, ...options }));
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
  adapters = createAdapters(sandboxProviderConfigs(sandbox));
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
