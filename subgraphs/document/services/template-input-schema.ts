import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { BadUserInputError } from '../../../shared/errors/errors.js';

/**
 * A template version may declare the data it reads as a JSON Schema (draft 2020-12 subset that
 * Ajv knows): generation and preview check the data against it first, so a caller learns which
 * values are missing or wrong, all at once and by path, before anything is queued.
 */
const ajv = new Ajv({ allErrors: true, strict: false });

const validators = new Map<string, ValidateFunction>();

function validatorOf(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (validators.size >= 200) validators.delete(validators.keys().next().value!);
    validators.set(key, validate);
  }
  return validate;
}

/** Refuses a schema Ajv cannot compile (BAD_USER_INPUT naming why). */
export function checkInputSchema(schema: Record<string, unknown> | null | undefined): void {
  if (!schema) return;
  try {
    validatorOf(schema);
  } catch (error) {
    throw new BadUserInputError(`inputSchema is not a valid JSON Schema: ${(error as Error).message}`, [{ field: 'inputSchema', message: (error as Error).message }]);
  }
}

const where = (error: ErrorObject) => {
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = error.keyword === 'required' ? String((error.params as { missingProperty: string }).missingProperty) : null;
  return ['data', path, missing].filter(Boolean).join('.');
};

/** Checks `data` against the version's declared schema; BAD_USER_INPUT listing every problem by path. */
export function checkTemplateData(schema: Record<string, unknown> | null | undefined, data: Record<string, unknown>): void {
  if (!schema) return;
  const validate = validatorOf(schema);
  if (validate(data)) return;
  const problems = (validate.errors ?? []).map((error) => ({ field: where(error), message: error.keyword === 'required' ? 'is required' : (error.message ?? 'is not valid') }));
  throw new BadUserInputError(`the data does not match the template's input schema: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
}
