import type { Router } from 'express';

/**
 * Serves identity's public HTTP endpoints at the gateway too (JWKS and the OAuth2 token
 * endpoint), so clients need only the gateway's address.
 */
export function proxyIdentityEndpoints(router: Router, identityBaseUrl: string): void {
  const forward = (path: string) => async (req: import('express').Request, res: import('express').Response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(new URL(path, identityBaseUrl), {
      method: req.method,
      headers: {
        ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    res.status(upstream.status);
    for (const name of ['content-type', 'cache-control']) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    res.send(Buffer.from(await upstream.arrayBuffer()));
  };
  router.get('/.well-known/jwks.json', forward('/.well-known/jwks.json'));
  router.post('/oauth/token', forward('/oauth/token'));
}
