// A port free on 127.0.0.1 right now, for a process that takes its port as a number (redis-server, osls, Hive Gateway, a gateway).
import { createServer } from 'node:net';

/** Binds port 0 on 127.0.0.1, reads the port the system chose, and lets it go. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
