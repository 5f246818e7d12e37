import type { ValidatorFn } from 'type-graphql';
import type { z } from 'zod';
import { BadUserInputError } from '../errors/errors.js';

/** An input or args class that declares its rules as a zod schema in a static `rules`. */
interface WithRules {
  rules?: z.ZodType;
}

/**
 * The single input validation hook of every subgraph: classes carry their rules, this runs
 * them before the resolver, so bad input never reaches a service and nothing is written.
 * Every failing field is named.
 */
export const validateInput: ValidatorFn = (value, type) => {
  const rules = (type as WithRules | undefined)?.rules;
  if (!rules || value === undefined || value === null) return;
  const values = Array.isArray(value) ? value : [value];
  const problems = values.flatMap((item, index) => {
    const result = rules.safeParse(item);
    if (result.success) return [];
    return result.error.issues.map((issue) => ({
      field: [...(Array.isArray(value) ? [index] : []), ...issue.path].join('.') || '(input)',
      message: issue.message,
    }));
  });
  if (problems.length) {
    throw new BadUserInputError(
      `invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
};
