// .NET-style timestamps as CxSAST writes them: seven fractional digits and a `Z`.

/** `2018-07-17T07:32:05.3405064Z` from epoch milliseconds plus sub-millisecond ticks (0..9999). */
export function dotNetDate(ms: number, subTicks = 0): string {
  const iso = new Date(ms).toISOString(); // 2018-07-17T07:32:05.340Z
  const ticks = String(ms % 1000).padStart(3, '0') + String(subTicks % 10_000).padStart(4, '0');
  return `${iso.slice(0, 19)}.${ticks}Z`;
}

/** Now, in the same format; the tick digits come from the clock's sub-millisecond part. */
export function dotNetNow(): string {
  const ms = Date.now();
  return dotNetDate(ms, Math.floor((performance.now() % 1) * 10_000));
}
