import type { Request, Response, Router } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

const PASSED_REQUEST_HEADERS = ['content-type', 'content-length', 'stripe-signature'];
const PASSED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition'];

/**
 * `/files/<subgraph>/…` on the gateway is `/files/…` on that subgraph, and `/webhooks/<subgraph>/…`
 * is `/webhooks/…` (Stripe's events for finance): signed upload and download links and webhook
 * endpoints point here (PUBLIC_URL), and bodies stream through in both directions, unchanged and
 * never buffered. The signature (in the link, or a webhook's header) is the credential; the
 * subgraph checks it.
 */
export function proxyFiles(router: Router, subgraphUrls: Record<string, string>): void {
  router.all(['/files/:subgraph/*rest', '/webhooks/:subgraph/*rest'], async (req: Request, res: Response) => {
    const base = subgraphUrls[String(req.params.subgraph)];
    if (!base) return void res.status(404).json({ error: 'no such subgraph' });
    const prefix = req.path.startsWith('/webhooks/') ? 'webhooks' : 'files';
    const target = new URL(req.originalUrl.replace(`/${prefix}/${String(req.params.subgraph)}`, `/${prefix}`), base);
    const headers = Object.fromEntries(PASSED_REQUEST_HEADERS.flatMap((name) => (req.headers[name] ? [[name, String(req.headers[name])]] : [])));
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const upstream = await fetch(target, {
      method: req.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
    res.status(upstream.status);
    for (const name of PASSED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    if (!upstream.body) return void res.end();
    await pipeline(Readable.fromWeb(upstream.body as WebReadableStream), res);
  });
}
