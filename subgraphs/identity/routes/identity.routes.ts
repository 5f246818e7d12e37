import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Router } from 'express';
import { CALLER_TOKEN_HEADER, verifyCallerToken } from '../../../shared/auth/caller-token.js';
import { getConfig } from '../../../shared/config/config.js';
import { verifyApiKey } from '../services/api-key.service.js';
import { exchangeClientCredentials } from '../services/service-account.service.js';
import { publicJwks } from '../services/signing-key.service.js';

/** Client id and secret from HTTP Basic auth or the form body (RFC 6749 §2.3.1 allows both). */
function clientCredentials(req: express.Request): { id?: string; secret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { id: req.body?.client_id, secret: req.body?.client_secret };
}

/**
 * The identity subgraph's plain HTTP endpoints: the JWKS verifiers fetch, the OAuth2 token
 * endpoint for service accounts, and API-key verification for the gateway only.
 */
export function identityRoutes(router: Router, orm: MikroORM): void {
  router.get('/.well-known/jwks.json', async (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(await publicJwks(orm.em.fork()));
  });

  router.post('/oauth/token', express.urlencoded({ extended: false }), express.json(), async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (req.body?.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    const { id, secret } = clientCredentials(req);
    const token = id && secret ? await exchangeClientCredentials(orm.em.fork(), id, secret) : null;
    if (!token) {
      res.status(401).json({ error: 'invalid_client' });
      return;
    }
    res.json(token);
  });

  router.post('/internal/api-keys/verify', express.json(), async (req, res) => {
    const token = req.headers[CALLER_TOKEN_HEADER];
    try {
      if (typeof token !== 'string') throw new Error('missing');
      await verifyCallerToken(token, getConfig().internalTokenSecret);
    } catch {
      res.status(401).json({ error: 'only the gateway may verify keys' });
      return;
    }
    const verified = typeof req.body?.key === 'string' ? await verifyApiKey(orm.em.fork(), req.body.key) : null;
    if (!verified) {
      res.status(401).json({ error: 'invalid_api_key' });
      return;
    }
    res.json(verified);
  });
}
