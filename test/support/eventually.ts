// Waits for something another process or the event loop will do (a log line written, a call logged), up to a bound.

/** Polls `probe` every 10 ms until it gives a value, for at most `timeoutMs` (10 s): then fails naming `what`. */
export async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
