import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { pino } from 'pino';
import { BadUserInputError, ConflictError, NotFoundError } from './errors.js';
import { createErrorFormatter } from './format-error.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, format: createErrorFormatter(log) };
}

const formatted = (message: string, code?: string): GraphQLFormattedError => ({
  message,
  path: ['field'],
  extensions: code ? { code } : {},
});

describe('createErrorFormatter', () => {
  it('passes our own errors through with their code', () => {
    const { format, lines } = capture();
    const error = new NotFoundError('Invoice', 'x');
    expect(format(formatted(error.message, 'NOT_FOUND'), error)).toEqual(formatted('Invoice x not found', 'NOT_FOUND'));
    expect(new ConflictError('c').extensions.code).toBe('CONFLICT');
    expect(lines).toHaveLength(0);
  });

  it('keeps the code a validation rule chose when Apollo wraps it as a validation failure', () => {
    const { format, lines } = capture();
    const rule = new BadUserInputError('query depth 14 exceeds the limit of 12');
    const wrapped = new GraphQLError(rule.message, { originalError: rule, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format({ message: rule.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, wrapped)).toEqual({
      message: 'query depth 14 exceeds the limit of 12',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(lines).toHaveLength(0);
  });

  it('masks an unexpected error and logs it with its stack', () => {
    const { format, lines } = capture();
    const error = new GraphQLError('password column exploded', { originalError: new TypeError('secret detail') });
    const out = format(formatted('password column exploded', 'INTERNAL_SERVER_ERROR'), error);
    expect(out).toEqual({ message: 'internal server error', path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).toContain('secret detail');
    expect(String((lines[0].err as { stack: string }).stack)).toContain('TypeError');
  });

  it('turns a unique violation into CONFLICT without leaking SQL', () => {
    const { format } = capture();
    const error = new GraphQLError('x', {
      path: ['field'],
      originalError: new UniqueConstraintViolationException(new Error('duplicate key "slug"')),
    });
    const out = format(formatted('insert into ... duplicate key', 'INTERNAL_SERVER_ERROR'), error);
    expect(out.extensions?.code).toBe('CONFLICT');
    expect(out.message).not.toContain('insert');
  });

  it('relays codes a subgraph raised when the gateway formats them', () => {
    const { format } = capture();
    const relayed = new GraphQLError('invalid input', { extensions: { code: 'BAD_USER_INPUT', serviceName: 'document' } });
    expect(format(formatted('invalid input', 'BAD_USER_INPUT'), relayed).extensions?.code).toBe('BAD_USER_INPUT');
  });
});
