// The sandbox process driven over its `/__sandbox` control API: latency faults on every call, request logs read and cleared.
export class SandboxControl {
  constructor(private readonly origins: readonly string[]) {}

  private async each(method: string, path: string, body?: unknown): Promise<unknown[]> {
    return Promise.all(
      this.origins.map(async (origin) => {
        const response = await fetch(`${origin}/__sandbox${path}`, {
          method,
          ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
        });
        if (!response.ok) throw new Error(`sandbox control ${method} ${path} answered ${response.status}`);
        return response.json();
      }),
    );
  }

  /** Every simulator answers each call this much later (0: no added latency). The simulators sleep, never the gateway. */
  async setLatency(latencyMs: number): Promise<void> {
    await this.each('DELETE', '/faults');
    if (latencyMs > 0) await this.each('POST', '/faults', { kind: 'latency', latencyMs });
  }

  /** Upstream calls answered since the last clear, every simulator together, as `METHOD route`. */
  async calls(): Promise<string[]> {
    const logs = (await this.each('GET', '/log')) as Array<Array<{ method: string; route: string }>>;
    return logs.flat().map((entry) => `${entry.method} ${entry.route}`);
  }

  /** Empties the request logs (they would grow with every call of every cell otherwise). */
  async clearLogs(): Promise<void> {
    await this.each('DELETE', '/log');
  }
}
