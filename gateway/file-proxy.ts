import type { Request, Response, Router } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

const PASSED_REQUEST_HEADERS = ['content-type', 'content-length'];
const PASSED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition'];

/**
 * `/files/<subgraph>/…` on the gateway is `/files/…` on that subgraph: signed upload and download
 * links point here (PUBLIC_URL), and bodies stream through in both directions, never buffered.
 * The signature in the link is the credential; the subgraph checks it.
 */
export function proxyFiles(router: Router, subgraphUrls: Record<string, string>): void {
  router.all('/files/:subgraph/*rest', async (req: Request, res: Response) => {
    const base = subgraphUrls[String(req.params.subgraph)];
    if (!base) return void res.status(404).json({ error: 'no such subgraph' });
    const target = new URL(req.originalUrl.replace(`/files/${String(req.params.subgraph)}`, '/files'), base);
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
