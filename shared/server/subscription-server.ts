import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { verifyCallerToken } from '../auth/caller-token.js';
import { getConfig } from '../config/config.js';
import { ANONYMOUS, type Caller } from '../context/caller.js';
import { ErrorCode } from '../errors/errors.js';
import { createErrorFormatter } from '../errors/format-error.js';
import type { SubscriptionContext } from '../events/event-stream.js';
import type { Logger } from '../logger/logger.js';
import { TENANT_FILTER } from '../orm/init-orm.js';
import type { SubgraphModule } from './subgraph-module.js';

/**
 * What the gateway puts in a subscribe message's `extensions`: the caller it established for
 * this subscription, signed, and the correlation id. One upstream connection carries many
 * callers' subscriptions, so the caller travels per operation, not per connection.
 */
export interface UpstreamSubscribeExtensions {
  callerToken?: string;
  requestId?: string;
}

/** connection_init payload: proof that the connection comes from the gateway. */
export type UpstreamConnectionParams = Record<string, unknown> & { gatewayToken?: string };

const refused = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });

/**
 * Serves the subgraph's subscriptions over graphql-ws on `/graphql` (the gateway is the only
 * client). Each subscription gets a context like a request's, renewed before every event.
 */
export function serveSubscriptions(
  httpServer: Server,
  schema: GraphQLSchema,
  module: SubgraphModule,
  orm: MikroORM,
  log: Logger,
): { close(): Promise<void>; active(): number } {
  // Live subscriptions per connection, for the subscriptions_active gauge.
  const live = new Map<object, Set<string>>();
  const { internalTokenSecret, acceptUnsignedCaller } = getConfig();
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const format = createErrorFormatter(log);
  const verify = async (token: unknown): Promise<Caller | null> => {
    if (typeof token !== 'string') return null;
    return verifyCallerToken(token, internalTokenSecret).catch(() => null);
  };

  const disposable = useServer<UpstreamConnectionParams>(
    {
      schema,
      onConnect: async (ctx) => acceptUnsignedCaller || (await verify(ctx.connectionParams?.gatewayToken)) !== null,
      onSubscribe: async (_ctx, _id, payload) => {
        const extensions = (payload.extensions ?? {}) as UpstreamSubscribeExtensions;
        if (!acceptUnsignedCaller && !(await verify(extensions.callerToken))) return [refused('invalid caller token')];
        return undefined;
      },
      onOperation: (ctx, id) => {
        if (!live.has(ctx)) live.set(ctx, new Set());
        live.get(ctx)!.add(id);
      },
      onComplete: (ctx, id) => {
        live.get(ctx)?.delete(id);
      },
      onClose: (ctx) => {
        live.delete(ctx);
      },
      context: async (_ctx, _id, payload): Promise<SubscriptionContext> => {
        const extensions = (payload.extensions ?? {}) as UpstreamSubscribeExtensions;
        const caller = (await verify(extensions.callerToken)) ?? ANONYMOUS;
        const requestId = typeof extensions.requestId === 'string' ? extensions.requestId : randomUUID();
        const context = { requestId, caller, log: log.child({ requestId, subscription: true }) } as SubscriptionContext;
        context.renew = () => {
          const em = orm.em.fork();
          em.setFilterParams(TENANT_FILTER, { tenantId: caller.tenantId });
          em.setLoggerContext({ requestId, actorId: caller.userId, tenantId: caller.tenantId });
          context.em = em;
          context.loaders = module.createLoaders(context);
        };
        context.renew();
        return context;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => format(error.toJSON(), error)),
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
    },
    active: () => [...live.values()].reduce((sum, ids) => sum + ids.size, 0),
  };
}
