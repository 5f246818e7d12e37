import Handlebars from 'handlebars';
import { BadUserInputError } from '../../../shared/errors/errors.js';

/**
 * Our Handlebars: strict (a missing variable is an error, never an empty string in a contract),
 * HTML-escaping, with the helpers documents need. Its own environment, so helpers registered
 * here never leak into another use of Handlebars in the process.
 */
const engine = Handlebars.create();

/** Intl formatters cost far more to make than to use: one per locale and options, kept. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) formatters.set(key, (found = make()));
  return found;
}

const asDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

engine.registerHelper('formatDate', (value: unknown, options: Handlebars.HelperOptions) => {
  const date = asDate(value);
  if (Number.isNaN(date.getTime())) throw new Error(`formatDate: ${JSON.stringify(value)} is not a date`);
  const locale = (options.hash.locale as string | undefined) ?? 'en-GB';
  const dateStyle = (options.hash.style as 'long' | 'medium' | 'short' | undefined) ?? 'long';
  return formatter(`date:${locale}:${dateStyle}`, () => new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' })).format(date);
});

/** Money is integer minor units with its ISO 4217 currency: `{{formatMoney amountMinor "EUR"}}`. */
engine.registerHelper('formatMoney', (minor: unknown, currency: unknown, options: Handlebars.HelperOptions) => {
  if (typeof minor !== 'number' || !Number.isInteger(minor)) throw new Error(`formatMoney: ${JSON.stringify(minor)} is not an amount in minor units`);
  const code = String(currency);
  const locale = (options.hash.locale as string | undefined) ?? 'en-GB';
  const format = formatter(`money:${locale}:${code}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: code }));
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
});

engine.registerHelper('join', (items: unknown, separator: unknown) => (Array.isArray(items) ? items.map(String).join(typeof separator === 'string' ? separator : ', ') : ''));
engine.registerHelper('upper', (value: unknown) => String(value).toUpperCase());
engine.registerHelper('count', (items: unknown) => (Array.isArray(items) ? items.length : 0));

/** A template that failed: where, and what was missing or wrong. */
export interface TemplateProblem {
  line: number | null;
  column: number | null;
  variable: string | null;
  message: string;
}

/**
 * Reads Handlebars' error messages ("\"name\" not defined in … - 3:10", "Parse error on line 2: …").
 * Handlebars counts columns from 0; people (and editors) from 1.
 */
function problemOf(error: Error): TemplateProblem {
  const missing = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/s.exec(error.message);
  if (missing) return { variable: missing[1]!, line: Number(missing[2]), column: Number(missing[3]) + 1, message: `"${missing[1]}" is not defined` };
  const parse = /Parse error on line (\d+):/.exec(error.message);
  if (parse) return { variable: null, line: Number(parse[1]), column: null, message: error.message.split('\n').at(-1) ?? error.message };
  const at = / - (\d+):(\d+)$/.exec(error.message);
  return { variable: null, line: at ? Number(at[1]) : null, column: at ? Number(at[2]) + 1 : null, message: error.message };
}

export class TemplateError extends BadUserInputError {
  constructor(readonly problem: TemplateProblem) {
    const where = problem.line ? `line ${problem.line}${problem.column !== null ? `, column ${problem.column}` : ''}` : 'the template';
    super(`template error at ${where}: ${problem.message}`, [{ field: 'body', message: `${where}: ${problem.message}` }]);
  }
}

/** Checks a body parses; TemplateError naming the line when it does not. */
export function checkTemplate(body: string): void {
  try {
    engine.precompile(body, { strict: true });
  } catch (error) {
    throw new TemplateError(problemOf(error as Error));
  }
}

/**
 * Compiled bodies by their text: a published version is rendered again and again, and compiling
 * costs more than rendering. Bounded, oldest out first (a Map keeps insertion order).
 */
const compiled = new Map<string, HandlebarsTemplateDelegate>();
const MAX_COMPILED = 200;

function compile(body: string): HandlebarsTemplateDelegate {
  let template = compiled.get(body);
  if (!template) {
    template = engine.compile(body, { strict: true });
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(body, template);
  }
  return template;
}

/** Renders a body with `data` to HTML; TemplateError naming the line and the missing variable. */
export function renderTemplate(body: string, data: Record<string, unknown>): string {
  try {
    return compile(body)(data);
  } catch (error) {
    throw new TemplateError(problemOf(error as Error));
  }
}
