// README's examples as a newcomer runs them: sent as written to `npm start` over the sandbox, each must succeed.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNpmStart, type NpmStart } from './support/npm-start.js';

/**
 * Which of README's blocks are examples, and so run here (README's examples follow it):
 * - in a ```sh block, each `curl` command whose URL is `localhost:4000`: run by the shell with real curl, exactly as
 *   written but for the port, rewritten to the free one this test's `npm start` got. Other commands (`npm ...`,
 *   `aws ssm ...`, a curl to "$GRAPHQL_URL") are setup or deployment steps, not examples against the sandbox;
 * - each ```graphql block that holds operations (a query or a mutation): POSTed with the sandbox key, as GraphiQL or
 *   any client sends it. A block of schema definitions only (SDL) describes the contract and is not run.
 * Every block left out is listed below as a test of its own, with its line and why, checking that it is no example.
 */
const README = new URL('../README.md', import.meta.url);
const EXAMPLE_URL = 'localhost:4000';
const SANDBOX_KEY = 'sandbox';

interface Block {
  language: string;
  /** The line of README.md the block's first content line is on. */
  line: number;
  text: string;
}

interface Example {
  kind: 'curl' | 'graphql';
  line: number;
  text: string;
}

interface Skipped {
  line: number;
  text: string;
  why: string;
}

function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  markdown.split('\n').forEach((line, index) => {
    const fence = /^```\s*([\w-]*)\s*$/.exec(line);
    if (!open && fence) open = { language: (fence[1] ?? '').toLowerCase(), line: index + 2, text: '' };
    else if (open && /^```\s*$/.test(line)) {
      blocks.push(open);
      open = null;
    } else if (open) open.text += `${line}\n`;
  });
  return blocks;
}

/** A shell block's commands, a command's continuation lines (ending in `\`) joined to it, comment lines left out. */
function shellCommands(block: Block): Array<{ line: number; text: string }> {
  const commands: Array<{ line: number; text: string }> = [];
  let current: { line: number; text: string } | null = null;
  block.text.split('\n').forEach((line, index) => {
    if (!current && (line.trim() === '' || line.trim().startsWith('#'))) return;
    current ??= { line: block.line + index, text: '' };
    current.text += `${line}\n`;
    if (!line.endsWith('\\')) {
      commands.push({ line: current.line, text: current.text.trimEnd() });
      current = null;
    }
  });
  return commands;
}

function examplesOf(markdown: string): { examples: Example[]; skipped: Skipped[] } {
  const examples: Example[] = [];
  const skipped: Skipped[] = [];
  for (const block of fencedBlocks(markdown)) {
    if (['sh', 'bash', 'shell'].includes(block.language)) {
      for (const command of shellCommands(block)) {
        if (/^curl\s/.test(command.text) && command.text.includes(EXAMPLE_URL)) examples.push({ kind: 'curl', ...command });
        else skipped.push({ ...command, why: `not a curl to ${EXAMPLE_URL}` });
      }
    } else if (['graphql', 'gql'].includes(block.language)) {
      const definitions = parse(block.text).definitions;
      if (definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION))
        examples.push({ kind: 'graphql', line: block.line, text: block.text });
      else skipped.push({ line: block.line, text: block.text, why: 'schema definitions, no operation' });
    }
  }
  return { examples, skipped };
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }>;
}

/**
 * Data, no error, no root field answering a typed error (a mutation's payload must be its success type), and no
 * member change FAILED: an id or e-mail the sandbox no longer has fails here, inside a success payload too.
 */
function expectSuccess(answer: Answer, mutation: boolean): void {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  expect(answer.data).toBeTruthy();
  expect(JSON.stringify(answer.data)).not.toContain('"FAILED"');
  for (const [field, value] of Object.entries(answer.data ?? {})) {
    const typename = (value as { __typename?: unknown } | null)?.__typename;
    if (mutation) expect(typename, `${field} answered ${JSON.stringify(value)}`).toMatch(/Success$/);
    else if (typeof typename === 'string') expect(typename, field).not.toMatch(/Error$/);
  }
}

const { examples, skipped } = examplesOf(readFileSync(README, 'utf8'));
const firstLine = (text: string) => text.split('\n')[0]?.slice(0, 80) ?? '';

describe("README's examples, against npm start over the sandbox", () => {
  let server: NpmStart;
  let port = '';

  beforeAll(async () => {
    // `npm start` as a user runs it, on a free port, with nothing configured: the embedded sandbox.
    server = await startNpmStart();
    port = server.port;
  }, 40_000);

  afterAll(() => server?.stop());

  it('finds curl and GraphQL examples to run (a README without them would pass unseen)', () => {
    expect(examples.filter((example) => example.kind === 'curl').length).toBeGreaterThan(0);
    expect(examples.filter((example) => example.kind === 'graphql').length).toBeGreaterThan(0);
  });

  // In README order, on one sandbox: an example may rely on what an earlier one did, as a reader's would.
  for (const example of examples) {
    it(`README.md:${example.line} ${example.kind}: ${firstLine(example.text)}`, async () => {
      if (example.kind === 'curl') {
        const command = example.text.replaceAll(EXAMPLE_URL, `localhost:${port}`);
        const { stdout } = await promisify(execFile)('sh', ['-c', command], { timeout: 30_000 });
        expectSuccess(JSON.parse(stdout) as Answer, false);
        return;
      }
      const operations = parse(example.text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      expect(operations, 'one operation per block, so it runs without an operationName').toHaveLength(1);
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_KEY}` },
        body: JSON.stringify({ query: example.text }),
      });
      expect(response.status).toBe(200);
      expectSuccess((await response.json()) as Answer, operations[0]?.operation === 'mutation');
    });
  }

  // Left out are only blocks that are no curl or GraphQL request to the sandbox (npm commands, deploy, the CLI).
  it.each(
    skipped.map((block) => [`README.md:${block.line} (${block.why}): ${firstLine(block.text)}`, block] as const),
  )('leaves out %s, which is no example against the sandbox', (_name, block) => {
    // No curl to the sandbox and no GraphQL operation is ever left out: those are the examples, and they all run.
    expect(block.text.split('\n').some((line) => /\bcurl\b/.test(line) && line.includes(EXAMPLE_URL))).toBe(false);
    expect(block.text).not.toMatch(/^\s*(query|mutation)\b/m);
  });
});
