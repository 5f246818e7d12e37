import { getConfig } from '../config/config.js';
import { DEFAULT_URL_TTL_SECONDS, signPath, verifySignedPath, type SignedPathCheck } from './signed-url.js';

/*
 * Files are served by the subgraph that owns them under `/files/…`, and reached by clients
 * through the gateway at `/files/<subgraph>/…`, which passes the request through. The link is
 * signed over the public path, subgraph included, so a link of one subgraph opens nothing in
 * another.
 */

/** An absolute signed URL (on PUBLIC_URL) for `method` on the subgraph's `/files/<path>`. */
export function signedFileUrl(subgraph: string, path: string, method: 'GET' | 'PUT' | 'POST', ttlSeconds = DEFAULT_URL_TTL_SECONDS): string {
  const config = getConfig();
  return `${config.publicUrl}${signPath(config.internalTokenSecret, method, publicFilePath(subgraph, path), ttlSeconds)}`;
}

/** Checks a request a subgraph received on `/files/<path>` (as `req.path` below the files router). */
export function verifyFileRequest(subgraph: string, method: string, path: string, query: Record<string, unknown>): SignedPathCheck {
  return verifySignedPath(getConfig().internalTokenSecret, method, publicFilePath(subgraph, path), query);
}

function publicFilePath(subgraph: string, path: string): string {
  return `/files/${subgraph}/${path.replace(/^\/+/, '')}`;
}
