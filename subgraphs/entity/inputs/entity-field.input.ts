import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, InputType } from 'type-graphql';
import { z } from 'zod';
import { EntityFieldKind as K } from '../entities/entity-field.entity.js';
import { checkValue, LENGTH_KINDS, RANGE_KINDS, TEXT_MAX_LENGTH, UNIQUE_KINDS } from '../services/field-values.js';

/** Entity type names: they are inlined in the DDL of unique indexes, so nothing but these characters. */
export const typeName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _, starting with a letter, at most 63');
/** Field names: keys of record data, also inlined in index DDL. */
export const fieldName = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,62}$/, 'letters, digits and _, starting with a lower-case letter, at most 63');

const MAX_OPTIONS = 500;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

const shape = z.object({
  name: fieldName,
  kind: z.enum(K),
  description: z.string().max(1000).nullish(),
  required: z.boolean().nullish(),
  unique: z.boolean().nullish(),
  defaultValue: z.unknown().optional(),
  min: z.number().nullish(),
  max: z.number().nullish(),
  pattern: z.string().max(500).nullish(),
  options: z.array(z.string().min(1, 'must not be empty').max(200)).min(1, 'must list at least one option').max(MAX_OPTIONS).nullish(),
  referenceType: typeName.nullish(),
});

/**
 * What makes a field definition sound, beyond each property's shape: rules only where the kind
 * has a meaning for them, patterns that compile, and a default that is itself a valid value.
 */
export const entityFieldRules = shape.superRefine((field, ctx) => {
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const { kind, min, max } = field;
  if (kind === K.ENUM && !field.options) problem('options', 'an ENUM field needs options');
  if (kind !== K.ENUM && field.options) problem('options', 'only an ENUM field has options');
  if (field.options && new Set(field.options).size !== field.options.length) problem('options', 'must not repeat an option');
  if (kind === K.RECORD_REFERENCE && !field.referenceType) problem('referenceType', 'a RECORD_REFERENCE field needs the type it points to');
  if (kind !== K.RECORD_REFERENCE && field.referenceType) problem('referenceType', 'only a RECORD_REFERENCE field has a referenceType');
  for (const [path, bound] of [['min', min], ['max', max]] as const) {
    if (bound == null) continue;
    if (!LENGTH_KINDS.has(kind) && !RANGE_KINDS.has(kind)) problem(path, `a ${kind} field has no ${path}`);
    else if (LENGTH_KINDS.has(kind) && (!Number.isInteger(bound) || bound < 0)) problem(path, 'a length must be a whole number, 0 or more');
    else if (kind === K.CURRENCY && !Number.isSafeInteger(bound)) problem(path, 'must be whole minor units');
    else if (kind === K.TEXT && bound > TEXT_MAX_LENGTH) problem(path, `a TEXT field holds at most ${TEXT_MAX_LENGTH} characters`);
  }
  if (min != null && max != null && min > max) problem('min', 'must not be above max');
  const patternOk = field.pattern == null || (LENGTH_KINDS.has(kind) && compiles(field.pattern));
  if (field.pattern != null && !LENGTH_KINDS.has(kind)) problem('pattern', `a ${kind} field has no pattern`);
  else if (!patternOk) problem('pattern', 'is not a valid regular expression');
  if (field.unique && !UNIQUE_KINDS.has(kind)) problem('unique', `a ${kind} field cannot be unique`);
  if (field.defaultValue != null) {
    // Every record would get the same value: a unique default can hold for one record only.
    if (field.unique) problem('defaultValue', 'a unique field cannot have a default');
    else if (kind === K.RECORD_REFERENCE) problem('defaultValue', 'a RECORD_REFERENCE field cannot have a default');
    else if (patternOk) {
      const checked = checkValue({ ...field, kind }, field.defaultValue);
      if (!checked.ok) problem('defaultValue', checked.message);
    }
  }
});

@InputType({ description: 'A field of an entity type and its rules' })
export class EntityFieldInput {
  static rules = entityFieldRules;

  @Field(() => String, { description: 'The key of its value in record data, e.g. email or firstName' })
  name!: string;

  @Field(() => K)
  kind!: K;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Records must hold a value' })
  required?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'No two records of the type may hold the same value' })
  unique?: boolean | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Written into new records that leave the field out; when a required field is added, into existing records too',
  })
  defaultValue?: unknown;

  @Field(() => Float, { nullable: true, description: 'Lowest value (NUMBER, DECIMAL, CURRENCY amountMinor) or shortest length (texts)' })
  min?: number | null;

  @Field(() => Float, { nullable: true, description: 'Highest value or longest length, like min' })
  max?: number | null;

  @Field(() => String, { nullable: true, description: 'A regular expression the text must match (JavaScript, u flag); anchor it with ^…$ for the whole value' })
  pattern?: string | null;

  @Field(() => [String], { nullable: true, description: 'The allowed values of an ENUM field' })
  options?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The entity type a RECORD_REFERENCE field points to' })
  referenceType?: string | null;
}
