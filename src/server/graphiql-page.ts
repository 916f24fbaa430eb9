// The offline GraphiQL page (about 9 MB, every script, style and editor worker inlined): rendered on its first visit, then served from memory.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * Runs in a worker thread: yoga's offline renderer, `head` put before `</head>`, and the page handed back as bytes
 * without a copy. Loaded in this process, the renderer's module would keep about 40 MB of source and strings for
 * good (a module is never unloaded); in a worker they go when it ends, and only the page's bytes stay.
 */
const RENDER_IN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { renderGraphiQL } = require(workerData.renderer);
const page = renderGraphiQL(workerData.options);
const head = page.indexOf('</head>');
if (head < 0) throw new Error('the GraphiQL page has no </head>');
const bytes = new TextEncoder().encode(page.slice(0, head) + workerData.head + page.slice(head));
parentPort.postMessage(bytes.buffer, [bytes.buffer]);
`;

function renderInWorker(options: GraphiQLOptions, head: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const renderer = createRequire(import.meta.url).resolve('@graphql-yoga/render-graphiql');
    // No execArgv: a loader the parent runs under (tsx in tests) has nothing to do in plain CommonJS.
    const worker = new Worker(RENDER_IN_WORKER, { eval: true, execArgv: [], workerData: { renderer, options, head } });
    worker.once('message', (page: ArrayBuffer) => resolve(new Uint8Array(page)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the GraphiQL renderer ended (exit code ${code}) without a page`)));
  });
}

/**
 * yoga's `renderGraphiQL` for the offline page with `head` (styles) added: nothing is loaded until someone opens
 * GraphiQL, so a gateway that never serves it never pays for it; then one render per set of options, kept as bytes
 * (off the JavaScript heap) and shared by every later visit. A failed render is forgotten, so the next visit retries.
 */
export function offlineGraphiQL(head: string): (options: GraphiQLOptions) => Promise<Uint8Array<ArrayBuffer>> {
  const pages = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  return (options) => {
    const key = JSON.stringify(options);
    let page = pages.get(key);
    if (!page) {
      page = renderInWorker(options, head);
      pages.set(key, page);
      page.catch(() => pages.delete(key));
    }
    return page;
  };
}
