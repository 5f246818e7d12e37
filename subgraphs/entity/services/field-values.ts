import { EntityFieldKind as K } from '../entities/entity-field.entity.js';

/** What checking a value needs of a field definition (an EntityField or an input being defined). */
export interface FieldRules {
  kind: K;
  min?: number | null;
  max?: number | null;
  pattern?: string | null;
  options?: string[] | null;
}

/** Kinds whose min/max bound the length in characters, and that a pattern may constrain. */
export const LENGTH_KINDS: ReadonlySet<K> = new Set([K.TEXT, K.LONG_TEXT, K.EMAIL, K.URL, K.PHONE]);
/** Kinds whose min/max bound the value (a currency's amountMinor). */
export const RANGE_KINDS: ReadonlySet<K> = new Set([K.NUMBER, K.DECIMAL, K.CURRENCY]);
/** Kinds that may be unique: one scalar a text expression index can compare. */
export const UNIQUE_KINDS: ReadonlySet<K> = new Set([
  K.TEXT, K.NUMBER, K.DECIMAL, K.DATE, K.DATETIME, K.ENUM, K.EMAIL, K.URL, K.PHONE, K.RECORD_REFERENCE, K.USER_REFERENCE,
]);

export const TEXT_MAX_LENGTH = 1000;

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): Checked => ({ ok: true, value });
const fail = (message: string): Checked => ({ ok: false, message });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** [digits as an integer, digits after the point] of a DECIMAL string. */
function scaled(decimal: string): [bigint, number] {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return [BigInt(whole + fraction), fraction.length];
}

/** Compares two decimal strings exactly (no float rounding): -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const [ma, sa] = scaled(a);
  const [mb, sb] = scaled(b);
  const scale = Math.max(sa, sb);
  const x = ma * 10n ** BigInt(scale - sa);
  const y = mb * 10n ** BigInt(scale - sb);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A finite number as a DECIMAL string (String() writes 1e21 and 1e-7 in exponent form). */
export function decimalOf(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return Number.isInteger(n) ? BigInt(n).toString() : n.toFixed(20).replace(/\.?0+$/, '');
}

/** The value in its stored form, or why it is not a value of the kind. */
function checkKind(field: FieldRules, value: unknown): Checked {
  switch (field.kind) {
    case K.TEXT:
      if (typeof value !== 'string') return fail('must be a string');
      if (/[\r\n]/.test(value)) return fail('must be a single line (a LONG_TEXT field takes more)');
      if ([...value].length > TEXT_MAX_LENGTH) return fail(`must be at most ${TEXT_MAX_LENGTH} characters`);
      return ok(value);
    case K.LONG_TEXT:
      return typeof value === 'string' ? ok(value) : fail('must be a string');
    case K.NUMBER:
      return typeof value === 'number' && Number.isFinite(value) ? ok(value) : fail('must be a number');
    case K.DECIMAL:
      if (typeof value !== 'string') return fail('must be a decimal written as a string, e.g. "12.50"');
      return DECIMAL.test(value) && value.length <= 100 ? ok(value) : fail('must be a decimal of digits, e.g. "-12.50"');
    case K.BOOLEAN:
      return typeof value === 'boolean' ? ok(value) : fail('must be true or false');
    case K.DATE:
      return typeof value === 'string' && isCalendarDate(value) ? ok(value) : fail('must be a date, YYYY-MM-DD');
    case K.DATETIME: {
      const match = typeof value === 'string' ? DATETIME.exec(value) : null;
      const time = match ? Date.parse(value as string) : NaN;
      if (!match || !isCalendarDate(match[1]!) || Number.isNaN(time)) {
        return fail('must be an ISO 8601 date and time with an offset, e.g. 2026-01-31T09:30:00Z');
      }
      return ok(new Date(time).toISOString());
    }
    case K.ENUM:
      return typeof value === 'string' && field.options?.includes(value)
        ? ok(value)
        : fail(`must be one of: ${(field.options ?? []).join(', ')}`);
    case K.EMAIL:
      return typeof value === 'string' && value.length <= 254 && EMAIL.test(value) ? ok(value) : fail('is not an email address');
    case K.URL: {
      const url = typeof value === 'string' && value.length <= 2048 ? URL.parse(value) : null;
      return url && (url.protocol === 'http:' || url.protocol === 'https:') ? ok(value) : fail('must be an http or https URL');
    }
    case K.PHONE: {
      const compact = typeof value === 'string' ? value.replace(/[\s().-]/g, '') : '';
      return E164.test(compact) ? ok(compact) : fail('must be an international phone number, e.g. +44 20 7946 0958');
    }
    case K.CURRENCY: {
      if (!isPlainObject(value)) return fail('must be { amountMinor, currency }');
      const extra = Object.keys(value).filter((key) => key !== 'amountMinor' && key !== 'currency');
      if (extra.length) return fail(`must be { amountMinor, currency }; unknown: ${extra.join(', ')}`);
      if (!Number.isSafeInteger(value.amountMinor)) return fail('amountMinor must be a whole number of minor units');
      if (typeof value.currency !== 'string' || !CURRENCIES.has(value.currency)) return fail('currency must be an ISO 4217 code, e.g. EUR');
      return ok({ amountMinor: value.amountMinor, currency: value.currency });
    }
    case K.JSON:
      return ok(value);
    case K.RECORD_REFERENCE:
    case K.USER_REFERENCE:
      return typeof value === 'string' && UUID.test(value) ? ok(value.toLowerCase()) : fail('must be an id');
  }
}

function checkRules(field: FieldRules, value: unknown): string | null {
  const { min, max } = field;
  if (LENGTH_KINDS.has(field.kind)) {
    const length = [...(value as string)].length;
    if (min != null && length < min) return `must be at least ${min} characters`;
    if (max != null && length > max) return `must be at most ${max} characters`;
    if (field.pattern && !new RegExp(field.pattern, 'u').test(value as string)) return `must match ${field.pattern}`;
  }
  if (RANGE_KINDS.has(field.kind)) {
    // Negative when the value is below the bound; decimals compare exactly, as strings.
    const amount = field.kind === K.CURRENCY ? (value as { amountMinor: number }).amountMinor : (value as number);
    const compare = (bound: number) =>
      field.kind === K.DECIMAL ? compareDecimals(value as string, decimalOf(bound)) : Math.sign(amount - bound);
    if (min != null && compare(min) < 0) return `must be at least ${min}`;
    if (max != null && compare(max) > 0) return `must be at most ${max}`;
  }
  return null;
}

/**
 * Checks one non-null value against a field's kind and rules, and gives its stored form
 * (datetimes in UTC, phones in E.164, ids lower-case). Whether a referenced record exists is
 * the caller's to check: it needs the database.
 */
export function checkValue(field: FieldRules, value: unknown): Checked {
  const kind = checkKind(field, value);
  if (!kind.ok) return kind;
  const problem = checkRules(field, kind.value);
  return problem ? fail(problem) : kind;
}

/** Whether a value counts as missing for a required field. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
