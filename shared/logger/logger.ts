import { pino, type Logger, type LoggerOptions } from 'pino';
import { getConfig } from '../config/config.js';
import { traceIds } from '../telemetry/tracing.js';

export type { Logger } from 'pino';

/**
 * The process logger: JSON lines on stdout. Request code never uses it directly but the
 * child in its context, which carries `requestId` (and the service name) on every line.
 */
export const loggerOptions: LoggerOptions = {
  level: getConfig().logLevel,
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: ['*.password', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
  // Every line written inside a trace names it, so logs and spans of one request join up.
  mixin: traceIds,
};

export const rootLogger: Logger = pino(loggerOptions);

/** A logger for one service or component of this process. */
export function serviceLogger(service: string): Logger {
  return rootLogger.child({ service });
}
