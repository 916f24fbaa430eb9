// The results as people read them: each goal of the issue beside its measured figure, a text table and README markdown.
import type { BenchResults, Cell, OperationResult } from './results.js';

/** Per added latency: the critical path is the fewest sequential levels times the latency of each call. */
const LATENCY_FOR_GOALS = 25;
/** CPU and throughput are compared where the gateway works hardest per unit of time: 0 ms added, 16 concurrent. */
const CPU_CELL = { latencyMs: 0, concurrency: 16 };

export interface Goal {
  goal: string;
  measured: string;
  /** Null where the run did not measure it (a quick run with fewer cells). */
  met: boolean | null;
}

const MB = 1_000_000;
const mb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 2 : 0)} MB`;
const kibToBytes = (kib: number) => kib * 1024;
const fixed = (value: number | null, digits = 1) => (value !== null && Number.isFinite(value) ? value.toFixed(digits) : '-');
/** a / b, or null where either is missing (a cell without answers) or b is 0. */
const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

function cellOf(op: OperationResult, latencyMs: number, concurrency: number): Cell | undefined {
  return op.cells.find((c) => c.latencyMs === latencyMs && c.concurrency === concurrency);
}

export function criticalPathMs(op: OperationResult, latencyMs: number): number {
  return op.minimum.levels * latencyMs;
}

/** One figure per operation and whether all meet the bound; "not measured" where no operation has the cell. */
function perOperation(
  results: BenchResults,
  figure: (op: OperationResult) => { value: number; ok: boolean; note?: string } | null,
  unit: string,
  digits = 2,
): Omit<Goal, 'goal'> {
  const measured = results.operations.map((op) => ({ op, figure: figure(op) })).filter((m) => m.figure !== null);
  if (measured.length === 0) return { measured: 'not measured', met: null };
  return {
    measured: measured
      .map(({ op, figure }) => `${op.name} ${fixed(figure!.value, digits)}${unit}${figure!.note ? ` (${figure!.note})` : ''}${figure!.ok ? '' : ' ✗'}`)
      .join(', '),
    met: measured.every(({ figure }) => figure!.ok),
  };
}

function latencyGoal(results: BenchResults, concurrency: number, bound: number): Goal {
  return {
    goal: `p50 at most ${bound}x the critical path (levels x ${LATENCY_FOR_GOALS} ms), c=${concurrency}, ${LATENCY_FOR_GOALS} ms per call`,
    ...perOperation(
      results,
      (op) => {
        const cell = cellOf(op, LATENCY_FOR_GOALS, concurrency);
        if (!cell) return null;
        const value = ratio(cell.gateway.p50Ms, criticalPathMs(op, LATENCY_FOR_GOALS));
        // The direct client's own ratio beside it: what the machine allows at that concurrency without a gateway.
        const direct = ratio(cell.direct.p50Ms, criticalPathMs(op, LATENCY_FOR_GOALS));
        return { value: value ?? Number.NaN, ok: value !== null && value <= bound, note: `direct ${fixed(direct, 2)}x` };
      },
      'x',
    ),
  };
}

export function goals(results: BenchResults): Goal[] {
  const list: Goal[] = [
    {
      goal: 'Upstream calls equal to the minimum, every operation (gateway / minimum)',
      measured: results.operations.map((op) => `${op.name} ${op.gateway.calls}/${op.minimum.calls}`).join(', '),
      met: results.operations.every((op) => op.gateway.calls === op.minimum.calls),
    },
    {
      goal: 'Sequential levels equal to the minimum, every operation (gateway / minimum)',
      measured: results.operations.map((op) => `${op.name} ${op.gateway.levels ?? '?'}/${op.minimum.levels}`).join(', '),
      met: results.operations.every((op) => op.gateway.levels === op.minimum.levels),
    },
    latencyGoal(results, 1, 1.1),
    latencyGoal(results, 16, 1.3),
    {
      goal: `CPU per request at most 2x the direct client's (${CPU_CELL.latencyMs} ms, c=${CPU_CELL.concurrency}; gateway / direct)`,
      ...perOperation(
        results,
        (op) => {
          const cell = cellOf(op, CPU_CELL.latencyMs, CPU_CELL.concurrency);
          if (!cell) return null;
          const value = ratio(cell.gateway.cpuMsPerRequest, cell.direct.cpuMsPerRequest);
          return { value: value ?? Number.NaN, ok: value !== null && value <= 2 };
        },
        'x',
        1,
      ),
    },
    {
      goal: `Throughput at 0 ms at least 0.5x the direct client's (c=${CPU_CELL.concurrency}; gateway / direct)`,
      ...perOperation(
        results,
        (op) => {
          const cell = cellOf(op, CPU_CELL.latencyMs, CPU_CELL.concurrency);
          if (!cell) return null;
          const value = ratio(cell.gateway.requestsPerSecond, cell.direct.requestsPerSecond);
          return { value: value ?? Number.NaN, ok: value !== null && value >= 0.5 };
        },
        'x',
      ),
    },
    {
      goal: '`npm start` resident memory at most 150 MB idle',
      measured: mb(kibToBytes(results.gatewayMemory.idleKiB)),
      met: kibToBytes(results.gatewayMemory.idleKiB) <= 150 * MB,
    },
    {
      goal: '`npm start` resident memory at most 250 MB at 64 concurrent requests',
      measured: results.gatewayMemory.peakAt64KiB === null ? 'not measured' : `${mb(kibToBytes(results.gatewayMemory.peakAt64KiB))} (highest sample)`,
      met: results.gatewayMemory.peakAt64KiB === null ? null : kibToBytes(results.gatewayMemory.peakAt64KiB) <= 250 * MB,
    },
  ];
  const lambda = results.lambda;
  // What a cold start loads: graphql.mjs and the chunks it imports at start (not those it loads on first use).
  const graphql = lambda?.bundles['graphql.mjs at start'];
  list.push(
    {
      goal: 'Lambda bundle `graphql.mjs` at most 1.5 MB',
      measured:
        graphql === undefined
          ? 'not measured'
          : `${mb(graphql)} loaded at start (graphql.mjs ${mb(lambda?.bundles['graphql.mjs'] ?? 0)} and the chunks it imports)`,
      met: graphql === undefined ? null : graphql <= 1.5 * MB,
    },
    {
      goal: `Lambda cold start at most 300 ms, median of ${lambda?.runs ?? 10} fresh processes (warm event beside it)`,
      measured: lambda ? `${fixed(lambda.coldMs)} ms cold, ${fixed(lambda.warmMs)} ms warm` : 'not measured',
      met: lambda ? lambda.coldMs <= 300 : null,
    },
  );
  return list;
}

const mark = (met: boolean | null) => (met === null ? '-' : met ? 'yes' : 'no');

function machineLine(results: BenchResults): string {
  const m = results.machine;
  const load = m.loadAverage ? `, load average ${m.loadAverage.start} at the start and ${m.loadAverage.end} at the end` : '';
  return `${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.os})${load}; ${results.settings.seconds} s per cell`;
}

// --- plain text, for the terminal --------------------------------------------------------------------------------

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
}

export function textReport(results: BenchResults): string {
  const lines: string[] = [`teamgraph bench: ${machineLine(results)}`, ''];
  if (results.aborted) lines.push(`STOPPED EARLY: ${results.aborted}; the figures below are those measured until then.`, '');
  const widths = [16, 8, 4, 16, 16, 9, 9, 9, 9, 7, 6, 8];
  lines.push(
    pad(['operation', 'latency', 'c', 'gw p50/p99', 'direct p50/p99', 'gw req/s', 'dir req/s', 'gw cpu', 'dir cpu', 'crit', 'p50/cp', 'failed'], widths),
  );
  for (const op of results.operations) {
    lines.push(
      `${op.name}: calls ${op.gateway.calls} (min ${op.minimum.calls}, direct ${op.direct.calls}), levels ${op.gateway.levels ?? '?'} (min ${op.minimum.levels})${op.sameData ? '' : '  DATA DIFFERS'}`,
    );
    for (const cell of op.cells) {
      const critical = criticalPathMs(op, cell.latencyMs);
      lines.push(
        pad(
          [
            '',
            `${cell.latencyMs} ms`,
            String(cell.concurrency),
            `${fixed(cell.gateway.p50Ms)}/${fixed(cell.gateway.p99Ms)}`,
            `${fixed(cell.direct.p50Ms)}/${fixed(cell.direct.p99Ms)}`,
            fixed(cell.gateway.requestsPerSecond, 0),
            fixed(cell.direct.requestsPerSecond, 0),
            fixed(cell.gateway.cpuMsPerRequest, 2),
            fixed(cell.direct.cpuMsPerRequest, 2),
            critical > 0 ? `${critical}` : '-',
            fixed(ratio(cell.gateway.p50Ms, critical), 2),
            `${cell.gateway.failed}/${cell.direct.failed}`,
          ],
          widths,
        ),
      );
    }
  }
  lines.push(
    '',
    'Latency in ms (p50/p99), CPU in ms per request, crit = minimum levels x added latency (ms); failed: answers with errors or none, gateway/direct.',
    '',
  );
  for (const goal of goals(results)) lines.push(`[${mark(goal.met).padEnd(3)}] ${goal.goal}: ${goal.measured}`);
  if (results.lambda) {
    const sizes = Object.entries(results.lambda.bundles).map(([file, bytes]) => `${file} ${mb(bytes)}`);
    lines.push(
      '',
      `Lambda bundles: ${sizes.join(', ')}; import ${fixed(results.lambda.importMs)} ms, first event ${fixed(results.lambda.firstEventMs)} ms, cold start ${fixed(results.lambda.coldCpuMs)} ms of CPU`,
    );
  }
  return lines.join('\n');
}

// --- markdown, for README ----------------------------------------------------------------------------------------

function side(cell: Cell | undefined, pick: (c: Cell) => string): string {
  return cell ? pick(cell) : '-';
}

export function markdownReport(results: BenchResults): string {
  const out: string[] = [];
  const settings = Object.entries(results.gatewaySettings)
    .map(([name, value]) => `\`${name}=${value}\``)
    .join(' and ');
  out.push(`Latest run: ${machineLine(results)}. The gateway ran as \`npm start\` runs it (\`${results.gatewayStart}\`), with ${settings}.`, '');
  if (results.aborted) out.push(`**The run stopped early: ${results.aborted}.** The figures are those measured until then.`, '');
  out.push('| goal | measured | met |', '|---|---|---|');
  for (const goal of goals(results)) out.push(`| ${goal.goal} | ${goal.measured} | ${mark(goal.met)} |`);
  out.push('');
  out.push(
    `| operation | calls (min) | levels (min) | critical path at ${LATENCY_FOR_GOALS} ms | p50 c=1, ${LATENCY_FOR_GOALS} ms: gateway / direct | p50 c=16, ${LATENCY_FOR_GOALS} ms: gateway / direct | CPU ms per request, 0 ms c=16: gateway / direct | req/s, 0 ms c=16: gateway / direct |`,
    '|---|---|---|---|---|---|---|---|',
  );
  for (const op of results.operations) {
    const critical = criticalPathMs(op, LATENCY_FOR_GOALS);
    const c1 = cellOf(op, LATENCY_FOR_GOALS, 1);
    const c16 = cellOf(op, LATENCY_FOR_GOALS, 16);
    const cpu = cellOf(op, CPU_CELL.latencyMs, CPU_CELL.concurrency);
    const failedGateway = op.cells.reduce((sum, c) => sum + c.gateway.failed, 0);
    const failedDirect = op.cells.reduce((sum, c) => sum + c.direct.failed, 0);
    const failed = failedGateway + failedDirect > 0 ? ` (failed answers: ${failedGateway} gateway, ${failedDirect} direct)` : '';
    out.push(
      `| ${op.name}${op.sameData ? '' : ' (data differs)'}${failed} | ${op.gateway.calls} (${op.minimum.calls}) | ${op.gateway.levels ?? '?'} (${op.minimum.levels}) | ${critical} ms | ${side(c1, (c) => `${fixed(c.gateway.p50Ms)} / ${fixed(c.direct.p50Ms)} ms (${fixed(ratio(c.gateway.p50Ms, critical), 2)}x)`)} | ${side(c16, (c) => `${fixed(c.gateway.p50Ms)} / ${fixed(c.direct.p50Ms)} ms (${fixed(ratio(c.gateway.p50Ms, critical), 2)}x)`)} | ${side(cpu, (c) => `${fixed(c.gateway.cpuMsPerRequest, 2)} / ${fixed(c.direct.cpuMsPerRequest, 2)}`)} | ${side(cpu, (c) => `${fixed(c.gateway.requestsPerSecond, 0)} / ${fixed(c.direct.requestsPerSecond, 0)}`)} |`,
    );
  }
  out.push('');
  const memory = results.gatewayMemory;
  const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
  out.push(
    `Gateway memory: ${mib(memory.idleKiB)} idle, ${memory.peakAt64KiB === null ? 'not measured' : mib(memory.peakAt64KiB)} at most during the c=64 cells, ${mib(memory.highWaterKiB)} high-water mark (VmHWM) over the run.`,
  );
  if (results.sandboxSeedMs !== undefined) out.push(`Sandbox: seeding and starting the five simulators took ${fixed(results.sandboxSeedMs)} ms.`);
  if (results.lambda) {
    const l = results.lambda;
    const sizes = Object.entries(l.bundles).map(([file, bytes]) => `\`${file}\` ${mb(bytes)}`);
    out.push(
      `Lambda: ${sizes.join(', ')}; cold start ${fixed(l.coldMs)} ms (import ${fixed(l.importMs)} ms + first event ${fixed(l.firstEventMs)} ms; ${fixed(l.coldCpuMs)} ms of CPU), warm event ${fixed(l.warmMs)} ms; medians of ${l.runs} fresh node processes (\`npm run lambda:cold-start\` measures the same alone).`,
    );
  }
  out.push('', '<details><summary>Every cell (latency in ms, p50 / p99; CPU in ms per request)</summary>', '');
  out.push(
    '| operation | added latency | c | gateway p50 / p99 | direct p50 / p99 | gateway req/s | direct req/s | gateway CPU | direct CPU | p50 / critical path | failed answers, gateway / direct |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const op of results.operations) {
    for (const cell of op.cells) {
      const critical = criticalPathMs(op, cell.latencyMs);
      out.push(
        `| ${op.name} | ${cell.latencyMs} ms | ${cell.concurrency} | ${fixed(cell.gateway.p50Ms)} / ${fixed(cell.gateway.p99Ms)} | ${fixed(cell.direct.p50Ms)} / ${fixed(cell.direct.p99Ms)} | ${fixed(cell.gateway.requestsPerSecond, 0)} | ${fixed(cell.direct.requestsPerSecond, 0)} | ${fixed(cell.gateway.cpuMsPerRequest, 2)} | ${fixed(cell.direct.cpuMsPerRequest, 2)} | ${critical > 0 ? `${fixed(ratio(cell.gateway.p50Ms, critical), 2)}x` : '-'} | ${cell.gateway.failed} / ${cell.direct.failed} |`,
      );
    }
  }
  out.push('', '</details>', '', '<details><summary>The operations: GraphQL and the fewest REST calls</summary>', '');
  for (const op of results.operations) {
    // Inline, not a graphql block: README's graphql blocks are examples a test runs, and these need variables.
    out.push(`**${op.name}**: \`${op.query.replace(/\s+/g, ' ').trim()}\``, '', op.reasoning, '');
  }
  out.push('</details>');
  return out.join('\n');
}
