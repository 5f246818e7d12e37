import { EventEmitter } from 'node:events';
import type { Logger as OrmLogger, LogContext, LoggerNamespace } from '@mikro-orm/core';
import type { Logger } from '../logger/logger.js';
import { recordQuerySpan } from '../telemetry/tracing.js';

/** One SQL statement as MikroORM reports it, with the request that issued it. */
export interface QueryEvent {
  sql: string;
  tookMs: number | undefined;
  requestId: string | undefined;
  schema: string;
}

/**
 * Every statement of every ORM in this process is emitted here. Tests count statements per
 * request with it (the N+1 guard); later, metrics hang off it too.
 */
export const queryEvents = new EventEmitter<{ query: [QueryEvent] }>();
queryEvents.setMaxListeners(100);

// MikroORM colours its messages for terminals; JSON logs want plain text.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Routes MikroORM's own logging into our pino logger, with the request id on query lines. */
export class OrmLogBridge implements OrmLogger {
  constructor(private readonly out: Logger, private readonly schema: string) {}

  private write(level: 'debug' | 'warn' | 'error', namespace: string, message: string, context?: LogContext): void {
    this.out[level]({ namespace, requestId: context?.requestId }, message.replace(ANSI, ''));
  }

  // MikroORM's info and discovery chatter is start-up detail: debug level.
  log(namespace: string, message: string, context?: LogContext): void {
    this.write('debug', namespace, message, context);
  }

  error(namespace: string, message: string, context?: LogContext): void {
    this.write('error', namespace, message, context);
  }

  warn(namespace: string, message: string, context?: LogContext): void {
    this.write('warn', namespace, message, context);
  }

  logQuery(context: LogContext): void {
    if (!context.query) return;
    const requestId = typeof context.requestId === 'string' ? context.requestId : undefined;
    queryEvents.emit('query', { sql: context.query, tookMs: context.took, requestId, schema: this.schema });
    recordQuerySpan(this.schema, context.query, context.took);
    this.out.debug({ namespace: 'query', requestId, tookMs: context.took, rows: context.results ?? context.affected }, context.query);
  }

  // Query events are always produced (they feed counters); the pino level decides what is printed.
  setDebugMode(): void {}

  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace === 'query' || namespace === 'info' || namespace === 'discovery';
  }
}
