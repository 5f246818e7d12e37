import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { ApolloServerPlugin } from '@apollo/server';
import { tracingChannel } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getConfig } from '../config/config.js';

/*
 * OpenTelemetry tracing, one way for every process: `startTracing(service)` once at start-up;
 * then incoming HTTP requests (`traceHttpRequest`, for every request through `routeRequests`), GraphQL operations (`tracingPlugin`), SQL
 * statements (`recordQuerySpan`, from the ORM's query log), Redis commands (from ioredis's
 * diagnostics channel), calls to subgraphs (`injectTrace`)
 * and background jobs (`traceCarrier` / `withJobSpan`) are spans of one trace, joined across
 * processes by W3C trace context (`traceparent`). The gateway's query planning and subgraph
 * fetches are spans @apollo/gateway makes itself once a tracer provider is registered.
 *
 * Spans are exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it they are
 * still made (log lines carry their ids) and dropped. Explicit spans rather than module patching:
 * the project is native ESM (and jest runs it in VM modules), where require hooks see nothing.
 */

const TRACER = 'building-blocks';
export const tracer = () => trace.getTracer(TRACER);

let provider: NodeTracerProvider | undefined;
let memory: InMemorySpanExporter | undefined;
let keepInMemory = false;

/** Tests: keep this process's finished spans in memory (`finishedSpans`); call before anything starts. */
export function collectSpansInMemory(): void {
  keepInMemory = true;
}

/**
 * Registers the process's tracer provider (once; later calls keep the first). In tests and
 * `npm start` several services share a process and one provider: each span names its service.
 */
export function startTracing(service: string): void {
  if (provider) return;
  const config = getConfig();
  const processors: SpanProcessor[] = [];
  if (config.otel.endpoint) processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.otel.endpoint.replace(/\/$/, '')}/v1/traces` })));
  if (keepInMemory) processors.push(new SimpleSpanProcessor((memory = new InMemorySpanExporter())));
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.otel.serviceName ?? service }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.otel.sampleRatio) }),
    spanProcessors: processors,
  });
  provider.register();
  traceRedisCommands();
}

/** What ioredis (6+) publishes about each command on its `ioredis:command` tracing channel. */
interface RedisCommandMessage {
  command: string;
  args: string[];
  database: number;
  serverAddress: string;
  serverPort: number | undefined;
  error?: unknown;
  /** Ours: the span of this command, carried from its start to its end. */
  span?: Span;
}

const redisCommands = tracingChannel<object, RedisCommandMessage>('ioredis:command');
let redisSubscribers: Parameters<typeof redisCommands.subscribe>[0] | undefined;

/**
 * A CLIENT span for every Redis command sent inside a trace (rate limits, job queues, pub/sub),
 * from ioredis's own diagnostics channel: every client of the process is covered, those BullMQ and
 * graphql-redis-subscriptions make included, without patching any. Arguments come already
 * redacted by ioredis (values of writes are `?`). Commands outside a sampled trace (a worker
 * waiting for jobs) make none.
 */
function traceRedisCommands(): void {
  if (redisSubscribers) return;
  redisSubscribers = {
    start(message) {
      if (!trace.getActiveSpan()?.isRecording()) return;
      message.span = tracer().startSpan(`redis ${message.command.toLowerCase()}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'redis',
          'db.operation.name': message.command.toUpperCase(),
          'db.namespace': String(message.database),
          'db.query.text': [message.command, ...message.args].join(' ').slice(0, 500),
          'server.address': message.serverAddress,
          ...(message.serverPort !== undefined && { 'server.port': message.serverPort }),
        },
      });
    },
    end() {},
    asyncStart() {},
    asyncEnd(message) {
      message.span?.end();
    },
    error(message) {
      message.span?.setStatus({ code: SpanStatusCode.ERROR, message: message.error instanceof Error ? message.error.message : String(message.error) });
    },
  };
  redisCommands.subscribe(redisSubscribers);
}

/** Tests: the spans finished so far in this process (after `collectSpansInMemory`). */
export function finishedSpans() {
  return memory?.getFinishedSpans() ?? [];
}

export async function stopTracing(): Promise<void> {
  if (redisSubscribers) redisCommands.unsubscribe(redisSubscribers);
  redisSubscribers = undefined;
  await provider?.shutdown();
}

/** The active span's ids, for log lines: empty outside a trace. */
export function traceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return traceFlags || traceId !== '00000000000000000000000000000000' ? { trace_id: traceId, span_id: spanId } : {};
}

/**
 * One SERVER span for a request, continuing the caller's trace when its `traceparent` says so,
 * active for everything `handle` starts; it ends when the response is finished.
 */
export function traceHttpRequest(service: string, name: string, req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer().startSpan(
    name,
    { kind: SpanKind.SERVER, attributes: { 'service.name': service, 'http.request.method': req.method ?? 'GET', 'url.path': (req.url ?? '/').split('?')[0] } },
    parent,
  );
  res.once('finish', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), handle);
}

/** Writes the active trace context into outgoing headers (`traceparent`, `tracestate`). */
export function injectTrace(headers: { set(name: string, value: string): void } | Record<string, string>, from: Context = context.active()): void {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  for (const [name, value] of Object.entries(carrier)) {
    if (typeof (headers as { set?: unknown }).set === 'function') (headers as { set(name: string, value: string): void }).set(name, value);
    else (headers as Record<string, string>)[name] = value;
  }
}

/** A span per GraphQL operation this server executes, named by operation type and name. */
export function tracingPlugin(service: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let span: Span | undefined;
      return {
        async executionDidStart({ operation, operationName }) {
          const type = operation?.operation ?? 'query';
          span = tracer().startSpan(`graphql.${type}${operationName ? ` ${operationName}` : ''}`, {
            attributes: { 'service.name': service, 'graphql.operation.type': type, ...(operationName && { 'graphql.operation.name': operationName }) },
          });
        },
        async willSendResponse({ errors }) {
          if (!span) return;
          if (errors?.length) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]!.message });
            span.setAttribute('graphql.error.codes', [...new Set(errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))]);
          }
          span.end();
        },
      };
    },
  };
}

/**
 * A finished SQL statement as a CLIENT span of the current trace, reported by the ORM's query log
 * after the fact: it starts `tookMs` before now. Works alike on PostgreSQL and embedded PGlite.
 */
export function recordQuerySpan(schema: string, sql: string, tookMs: number | undefined): void {
  if (!trace.getActiveSpan()) return;
  const end = Date.now();
  const span = tracer().startSpan(sql.trimStart().split(/\s+/, 1)[0]!.toLowerCase(), {
    kind: SpanKind.CLIENT,
    startTime: end - (tookMs ?? 0),
    attributes: { 'db.system.name': 'postgresql', 'db.namespace': schema, 'db.query.text': sql.length > 2_000 ? `${sql.slice(0, 2_000)}…` : sql },
  });
  span.end(end);
}

/** The active trace context as a plain object a queued job carries along. */
export function traceCarrier(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs a job under a CONSUMER span continuing the trace of whoever queued it. */
export async function withJobSpan<T>(queue: string, carrier: Record<string, string> | undefined, run: () => Promise<T>): Promise<T> {
  const parent = carrier ? propagation.extract(context.active(), carrier) : context.active();
  return await tracer().startActiveSpan(`job ${queue}`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.destination.name': queue } }, parent, async (span) => {
    try {
      return await run();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
