// `npm run sandbox` as a user runs it: a real process that prints base URLs and credentials, serving real calls.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { companyDirectory } from '../src/sandbox/index.js';

let child: ChildProcess;
let output = '';

beforeAll(async () => {
  // Port 0 everywhere: the test must not collide with a sandbox a developer has running on 4101-4105.
  const env = {
    ...process.env,
    SANDBOX_GOODACCESS_PORT: '0',
    SANDBOX_GITBOOK_PORT: '0',
    SANDBOX_BIRD_PORT: '0',
    SANDBOX_CHECKMARX_PORT: '0',
    SANDBOX_CLOUDFLARE_PORT: '0',
  };
  child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!output.includes('Ctrl-C stops') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

function baseUrl(name: string): string {
  const match = new RegExp(`^${name}\\s+(http://127\\.0\\.0\\.1:\\d+\\S*)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no base URL for ${name} in:\n${output}`);
  return match[1];
}

it('prints the base URL and credentials of all five simulators', () => {
  for (const name of ['GoodAccess', 'GitBook', 'Bird', 'Checkmarx', 'Cloudflare']) expect(baseUrl(name)).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  expect(baseUrl('GoodAccess')).toMatch(/\/api\/v1$/);
  expect(baseUrl('GitBook')).toMatch(/\/v1$/);
  expect(baseUrl('Checkmarx')).toMatch(/\/cxrestapi$/);
  expect(baseUrl('Cloudflare')).toMatch(/\/client\/v4$/);
  expect(output).toContain('Bearer sandbox-token');
  expect(output).toContain('AccessKey sandbox-token');
  expect(output).toMatch(/admin.*sandbox/);
  expect(output).toMatch(/organization[^\n]*[0-9a-f]{8}-[0-9a-f]{4}-/i);
  expect(output).toContain(`E-mail to try: ${companyDirectory().tryEmail}`);
});

it('answers real calls with the printed credentials, and 401 without them', async () => {
  const members = await fetch(`${baseUrl('GoodAccess')}/members`, { headers: { authorization: 'Bearer sandbox-token' } });
  expect(members.status).toBe(200);
  expect(Array.isArray(await members.json())).toBe(true);
  const orgs = await fetch(`${baseUrl('GitBook')}/orgs`, { headers: { authorization: 'Bearer sandbox-token' } });
  expect(((await orgs.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  const accounts = await fetch(`${baseUrl('Cloudflare')}/accounts`);
  expect(accounts.status).toBe(401);
});

it('stops on SIGTERM', async () => {
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
});
