// The direct client as a server: POST /<operation> with the gateway's request body answers the same JSON the gateway would.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exitWithParent } from '../children.js';
import { DIRECT_OPERATIONS } from './operations.js';
import { Upstream } from './upstream.js';

export interface DirectAddress {
  /** `http://127.0.0.1:<port>`: POST `/<operation name>`. */
  origin: string;
  pid: number;
}

const upstream = new Upstream(process.env);
await upstream.login();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const operation = DIRECT_OPERATIONS[(req.url ?? '/').slice(1)];
    if (req.method !== 'POST' || operation === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no such operation"}]}');
      return;
    }
    // The same body the gateway gets: parsed here too, so both sides pay for reading it.
    const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: Record<string, unknown> };
    operation(upstream, variables ?? {}).then(
      (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message }] }));
      },
    );
  });
});
server.keepAliveTimeout = 10_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
exitWithParent(async () => {
  server.closeAllConnections();
  server.close();
  await upstream.close();
});
const address: DirectAddress = { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pid: process.pid };
process.send?.(address);
