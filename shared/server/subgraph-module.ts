import type { MikroORM } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context/context.js';
import type { EventConsumer } from '../events/event-consumer.js';
import type { BackgroundJob } from '../jobs/background-job.js';
import type { OrmModule } from '../orm/orm-module.js';

/** Everything the kernel needs to run one subgraph; each `subgraphs/<name>/subgraph.ts` exports one. */
export interface SubgraphModule<Loaders extends object = object> extends OrmModule {
  buildSchema(): Promise<GraphQLSchema>;
  /** Fresh DataLoaders for one request. */
  createLoaders(ctx: Omit<RequestContext, 'loaders'>): Loaders;
  /** Plain HTTP endpoints beside /graphql (identity's JWKS and token endpoint). */
  routes?(router: Router, orm: MikroORM): void;
  /** What this subgraph does when other subgraphs' (or its own) domain events arrive. */
  consumers?: EventConsumer[];
  /** Its own background jobs (imports, purges, scheduled runs). */
  jobs?: BackgroundJob[];
}
