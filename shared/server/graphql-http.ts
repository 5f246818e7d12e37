import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Express } from 'express';
import { traceHttpRequest } from '../telemetry/tracing.js';

/** Whether a request is for the GraphQL endpoint itself (`/graphql`, not `/graphql/stream` and the like). */
export function isGraphQLPath(url: string | undefined): boolean {
  if (!url?.startsWith('/graphql')) return false;
  const rest = url.slice('/graphql'.length);
  return rest === '' || rest === '/' || rest.startsWith('?') || rest.startsWith('/?');
}

export interface GraphQLHttpOptions<C extends BaseContext> {
  /** Largest body taken, in bytes; a larger one is answered 413 without being read. */
  bodyLimit: number;
  context: (req: IncomingMessage, res: ServerResponse) => Promise<C>;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON is what a GraphQL POST carries: `application/json` and the `+json` types, with any parameters. */
function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type?.endsWith('+json') ?? false);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(new BodyError(413, `the request body is larger than ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyError(413, `the request body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** A body that could not be taken, answered the way GraphQL clients read errors. */
function refuse(res: ServerResponse, error: BodyError): void {
  const code = error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code } }] }));
}

/**
 * The `/graphql` endpoint straight on Node's HTTP server: reads and parses the body, hands the
 * request to Apollo Server and writes its answer (streamed when it is incremental, `@defer`).
 * It does what Express with `express.json()` and Apollo's Express integration did there, without
 * the router, the middleware chain and the request/response decorations: under load those were
 * about a tenth of the gateway's CPU. Every other path stays on Express.
 */
export function graphqlHttpHandler<C extends BaseContext>(apollo: ApolloServer<C>, options: GraphQLHttpOptions<C>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const method = (req.method ?? 'GET').toUpperCase();
      let body: unknown;
      if (method === 'POST') {
        const text = await readBody(req, options.bodyLimit);
        // Like express.json(): only a JSON body is parsed (Apollo refuses the others, CSRF first).
        if (isJson(req.headers['content-type'])) {
          try {
            body = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
          } catch (error) {
            throw new BodyError(400, `the request body is not valid JSON: ${(error as Error).message}`);
          }
        }
      } else {
        req.resume();
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const query = req.url?.indexOf('?') ?? -1;
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search: query >= 0 ? req.url!.slice(query) : '', body },
        context: () => options.context(req, res),
      });
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.statusCode = answer.status ?? 200;
      if (answer.body.kind === 'complete') {
        res.end(answer.body.string);
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (error instanceof BodyError) return refuse(res, error);
      // Apollo answers its own failures; this is a broken socket or a bug here.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    }
  };
}

/**
 * A server's requests: `/graphql` to the GraphQL endpoint (from the moment it is given, once
 * Apollo Server has started), everything else to the Express app. Each is traced first, so
 * everything it does (auth, GraphQL, SQL) is inside its span.
 */
export function routeRequests(service: string, app: Express): { listener: RequestListener; serveGraphQL(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): void } {
  let graphql: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  return {
    listener: (req, res) => {
      if (graphql && isGraphQLPath(req.url)) traceHttpRequest(service, `${req.method} /graphql`, req, res, () => void graphql!(req, res));
      else traceHttpRequest(service, `${req.method} ${(req.url ?? '/').split('?')[0]}`, req, res, () => app(req, res));
    },
    serveGraphQL(handler) {
      graphql = handler;
    },
  };
}
