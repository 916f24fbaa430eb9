// Headless Debian chromium for browser tests: launched offline-safe, every request the pages make recorded.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The flags that work on this network (checked offline, with no route but the package registries): without the background-networking ones chromium keeps
 * trying Google's hosts, which this machine refuses. Playwright's own sandbox flag is off (we run as root).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Belt and braces under the request guard below: no name but the loopback ones resolves, so nothing the browser
  // itself might start (outside any page) can leave the machine either.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Hosts a page may reach: the servers the test runs on this machine. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Schemes that never leave the page (inlined workers, images and fonts). */
const IN_PAGE_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export interface RecordedRequest {
  url: string;
  method: string;
}

export interface LocalBrowser {
  context: BrowserContext;
  /** Every request any page of the context made, in order. */
  requests: RecordedRequest[];
  /** Requests to anything but this machine: aborted before they left, and listed here so a test can fail on them. */
  external: RecordedRequest[];
  close(): Promise<void>;
}

export function isLocalUrl(url: string): boolean {
  const parsed = new URL(url);
  return IN_PAGE_SCHEMES.has(parsed.protocol) || LOCAL_HOSTS.has(parsed.hostname);
}

/**
 * Launches chromium with a fresh profile. Fails (never skips) when the browser is missing, saying how to get it:
 * a skipped browser test would let an offline GraphiQL regression through unseen.
 */
export async function launchLocalBrowser(): Promise<LocalBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run \`bash scripts/install-browser.sh\` (installs Debian's chromium; CI does it in .ci/run)`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'teamgraph-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 1000 },
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const requests: RecordedRequest[] = [];
  const external: RecordedRequest[] = [];
  context.on('request', (request) => requests.push({ url: request.url(), method: request.method() }));
  // WebSockets bypass routing: record them, and count any that is not local as external.
  context.on('page', (page) =>
    page.on('websocket', (socket) => {
      const seen = { url: socket.url(), method: 'WEBSOCKET' };
      requests.push(seen);
      if (!isLocalUrl(seen.url)) external.push(seen);
    }),
  );
  // Routing sees each request before it is sent, so an external one is stopped rather than merely noticed.
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (isLocalUrl(request.url())) return route.continue();
    external.push({ url: request.url(), method: request.method() });
    return route.abort('blockedbyclient');
  });
  return {
    context,
    requests,
    external,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
