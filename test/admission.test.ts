// The gateway's admission: turns of execution up to a capacity, a costly operation taking several, first come first served, in a bounded line.
import { describe, expect, it } from 'vitest';
import { concurrencyLimit, LeftTheLine, Overloaded, turnsFor } from '../src/server/admission.js';
import { eventually } from './support/eventually.js';
import { BENCHMARK_OPERATIONS } from './support/benchmark-operations.js';
import { startGateway } from './support/gateway.js';
import { measureConcurrency } from './mutations/support.js';

/** A piece of work that runs until the test lets it end. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const work = async () => {
    await opened;
    return value;
  };
  return { value, open, work };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrencyLimit', () => {
  it('runs at most max at once and starts the others first come, first served, each with its own result', async () => {
    const turn = concurrencyLimit(3);
    const started: number[] = [];
    const works = Array.from({ length: 8 }, (_, i) => gate(i));
    const results = works.map((w) =>
      turn(() => {
        started.push(w.value);
        return w.work();
      }),
    );
    await settle();
    expect(started).toEqual([0, 1, 2]);
    works[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    works[0]!.open();
    works[3]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    for (const w of works) w.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('frees the turn of work that fails, and passes its error on', async () => {
    const turn = concurrencyLimit(1);
    const failing = turn(async () => {
      throw new Error('provider down');
    });
    const next = turn(async () => 'served');
    await expect(failing).rejects.toThrow('provider down');
    await expect(next).resolves.toBe('served');
    // All turns are free again: two at once with a limit of one still both finish.
    await expect(Promise.all([turn(async () => 1), turn(async () => 2)])).resolves.toEqual([1, 2]);
  });
});

describe('weighted turns', () => {
  it('starts a heavy operation when its turns are free, and lets nothing that came later overtake it', async () => {
    const turn = concurrencyLimit(4);
    const started: string[] = [];
    const run = (name: string, turns: number) => {
      const work = gate(name);
      const done = turn(() => {
        started.push(name);
        return work.work();
      }, turns);
      return { ...work, done };
    };
    const light = run('light', 1);
    const heavy = run('heavy', 4);
    const later = run('later', 1);
    await settle();
    // Three turns are free, but the heavy one needs four; the later light one waits behind it, not beside it.
    expect(started).toEqual(['light']);
    light.open();
    await settle();
    expect(started).toEqual(['light', 'heavy']);
    heavy.open();
    await settle();
    expect(started).toEqual(['light', 'heavy', 'later']);
    later.open();
    await expect(Promise.all([light.done, heavy.done, later.done])).resolves.toEqual(['light', 'heavy', 'later']);
  });

  it('weighs by cost: a team page one turn, the dashboard four, the heaviest query the limits allow no more than four', () => {
    expect(turnsFor(0)).toBe(1);
    expect(turnsFor(554)).toBe(1);
    expect(turnsFor(87_580)).toBe(4);
    expect(turnsFor(3_000_000)).toBe(4);
    expect(turnsFor(30_000)).toBe(2);
  });

  it('runs at most four dashboards at once over HTTP, and answers every one', async () => {
    const g = await startGateway();
    try {
      const dashboard = BENCHMARK_OPERATIONS.find((op) => op.name === 'dashboard')!;
      const ask = async <T>(query: string, variables?: Record<string, unknown>) => (await g.query<T>(query, variables)).data as T;
      const variables = await dashboard.variables(ask);
      // Each dashboard lists the Cloudflare accounts first, 100 ms late: dashboards running together overlap there.
      const cloudflare = g.sandbox.servers.cloudflare;
      cloudflare.faults.add({ kind: 'latency', latencyMs: 100, match: { method: 'GET', route: '/client/v4/accounts' } });
      const overlap = measureConcurrency(cloudflare, 'GET', '/client/v4/accounts');
      const answers = await Promise.all(Array.from({ length: 8 }, () => g.query(dashboard.query, variables)));
      const most = overlap.stop();
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(4);
    } finally {
      await g.stop();
    }
  });
});

/** A GitBook read in two levels: the organization list, then a team list per organization. */
const HOLD_THE_TURN = '{ organizations(first: 5, provider: GITBOOK) { totalCount edges { node { teams(first: 1) { totalCount } } } } }';

describe('the line waiting for turns', () => {
  it('refuses at once the operation past maxWaiting, and still serves the ones before it in order', async () => {
    const turn = concurrencyLimit(1, { maxWaiting: 1, maxWaitMs: 60_000 });
    const [first, second] = [gate('first'), gate('second')];
    const running = turn(first.work);
    const waiting = turn(second.work);
    const refused = turn(async () => 'third').catch((e: unknown) => e);
    expect(await refused).toBeInstanceOf(Overloaded);
    expect(((await refused) as Error).message).toBe('the line waiting for a turn is full (1)');
    first.open();
    second.open();
    expect(await running).toBe('first');
    expect(await waiting).toBe('second');
    // Room again: the line is as long as it was.
    await expect(turn(async () => 'fourth')).resolves.toBe('fourth');
  });

  it('refuses an operation that waited maxWaitMs without its turn, and the turns stay as they were', async () => {
    const turn = concurrencyLimit(1, { maxWaiting: 10, maxWaitMs: 50 });
    const holder = gate('held');
    const running = turn(holder.work);
    let ran = false;
    const waited = await turn(async () => {
      ran = true;
    }).catch((e: unknown) => e);
    expect(waited).toBeInstanceOf(Overloaded);
    expect((waited as Error).message).toBe('no turn came free within 50 ms');
    expect(ran).toBe(false);
    holder.open();
    expect(await running).toBe('held');
    await expect(turn(async () => 'next')).resolves.toBe('next');
  });

  it('lets an operation whose client hung up leave the line, and starts at once the lighter ones it held back', async () => {
    const turn = concurrencyLimit(4, { maxWaiting: 10, maxWaitMs: 60_000 });
    const holder = gate('half');
    const running = turn(holder.work, 2);
    const client = new AbortController();
    let heavyRan = false;
    // The heavy one needs all four turns: it waits, and the light one behind it waits too (nobody overtakes).
    const heavy = turn(
      async () => {
        heavyRan = true;
      },
      4,
      client.signal,
    ).catch((e: unknown) => e);
    const started: string[] = [];
    const light = turn(async () => started.push('light'), 1);
    await settle();
    expect(started).toEqual([]);
    client.abort();
    expect(await heavy).toBeInstanceOf(LeftTheLine);
    await light;
    expect(started).toEqual(['light']);
    expect(heavyRan).toBe(false);
    // A client gone before it asked never waits, whether or not a turn is free.
    await expect(turn(async () => 'never', 1, AbortSignal.abort())).rejects.toBeInstanceOf(LeftTheLine);
    holder.open();
    expect(await running).toBe('half');
  });

  it('answers 503 with Retry-After over HTTP when the line is full or the wait too long, with no provider call', async () => {
    const g = await startGateway({ maxConcurrentOperations: 1, admissionQueue: { maxWaiting: 1, maxWaitMs: 1_000 } });
    try {
      // The one turn is held by GitBook's team lists, which answer 3 s late (the simulator logs a call once answered:
      // the organization list logged, the team lists are in flight).
      g.sandbox.servers.gitbook.faults.add({ kind: 'latency', latencyMs: 3_000, match: { route: '/v1/orgs/{organizationId}/teams' } });
      const holding = g.query<{ organizations: { totalCount: number } }>(HOLD_THE_TURN);
      await eventually(() => g.calls('GITBOOK').length === 1, 'the GitBook organization list');
      g.clearLogs();
      const post = () =>
        fetch(g.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer sandbox' },
          body: JSON.stringify({ query: 'query Refused { organizations(first: 5, provider: CLOUDFLARE) { totalCount } }' }),
        });
      const answers = await Promise.all([post(), post()]);
      const bodies = (await Promise.all(answers.map((a) => a.json()))) as Array<{ data?: unknown; errors: Array<{ message: string; extensions: object }> }>;
      for (const [i, answer] of answers.entries()) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(bodies[i]!.data ?? null).toBeNull();
        expect(bodies[i]!.errors.map((e) => e.extensions)).toEqual([{ code: 'SERVICE_UNAVAILABLE' }]);
      }
      // One found the line full (one place, taken by the other), the other waited its 1,000 ms: long enough that the
      // second request arrives while the first still waits on a busy machine, and short of the held turn's 3 s.
      expect(bodies.map((b) => b.errors[0]!.message).sort()).toEqual([
        'The gateway is busy (no turn came free within 1000 ms); nothing was run. Try again after the Retry-After seconds.',
        'The gateway is busy (the line waiting for a turn is full (1)); nothing was run. Try again after the Retry-After seconds.',
      ]);
      // The operation holding the turn is served; the refused ones cost no provider call.
      expect((await holding).data?.organizations.totalCount).toBeGreaterThan(0);
      expect(g.calls('CLOUDFLARE')).toEqual([]);
      const lines = g.gatewayLogs().filter((line) => line.operationName === 'Refused');
      expect(lines.map((line) => [line.status, line.errorCodes])).toEqual([
        [503, ['SERVICE_UNAVAILABLE']],
        [503, ['SERVICE_UNAVAILABLE']],
      ]);
    } finally {
      await g.stop();
    }
  });

  it('gives the place in line of a client that hangs up over HTTP to the next: 499, and the one that left never runs', async () => {
    const g = await startGateway({ maxConcurrentOperations: 1, admissionQueue: { maxWaiting: 1, maxWaitMs: 60_000 } });
    try {
      g.sandbox.servers.gitbook.faults.add({ kind: 'latency', latencyMs: 3_000, match: { route: '/v1/orgs/{organizationId}/teams' } });
      const holding = g.query(HOLD_THE_TURN);
      await eventually(() => g.calls('GITBOOK').length === 1, 'the GitBook organization list');
      const leaving = new AbortController();
      const sent = fetch(g.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
        body: JSON.stringify({ query: 'query Leaves { organizations(first: 5, provider: CLOUDFLARE) { edges { node { name } } } }' }),
        signal: leaving.signal,
      });
      // In line once the gateway has read its body (the line has no time limit here). Not a timing assertion: a request
      // not yet in line when its client leaves never takes a place, and what follows holds the same.
      await new Promise((resolve) => setTimeout(resolve, 100));
      leaving.abort();
      await expect(sent).rejects.toThrow(/abort/i);
      const line = await eventually(() => g.gatewayLogs().find((l) => l.operationName === 'Leaves'), 'the request line');
      expect(line).toMatchObject({ status: 499, errorCodes: ['CLIENT_CLOSED_REQUEST'] });
      // Its place in the line (of one) is free: the next request waits there for the turn rather than being refused.
      const next = g.query<{ organizations: { totalCount: number } }>('query Next { organizations(first: 5, provider: CLOUDFLARE) { totalCount } }');
      const answer = await next;
      expect(answer.status).toBe(200);
      expect(answer.data?.organizations.totalCount).toBeGreaterThan(0);
      expect((await holding).errors).toBeUndefined();
      // Only the next request read Cloudflare: the one that left never ran.
      expect(g.calls('CLOUDFLARE')).toHaveLength(1);
    } finally {
      await g.stop();
    }
  });
});
