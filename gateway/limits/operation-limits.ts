import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { BadUserInputError } from '../../shared/errors/errors.js';

/**
 * How big one operation may be, checked before anything executes: field nesting depth, the
 * GraphQL Armor cost estimate (objects 2, scalars 1, times 1.5 per level, times `first`/`last`)
 * and the number of aliases (which otherwise multiply one field into thousands of calls).
 */
export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

/**
 * Roomy enough for the deepest query our clients send and for Apollo Sandbox's introspection
 * (which the rules do not count), small enough to stop recursive or fanned-out abuse.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = Object.freeze({ maxDepth: 12, maxCost: 5000, maxAliases: 30 });

/**
 * Reports a rejection as a validation error the client can act on (`BAD_USER_INPUT`), in our
 * words. The libraries' own errors say "Syntax Error: ..." and would abort validation if thrown
 * (propagateOnRejection), so they are only read for the value found ("..., found 14.").
 */
function reportAs(what: string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /found (\d+(?:\.\d+)?)/.exec(error.message)?.[1];
    const message = found
      ? `${what} ${Math.ceil(Number(found))} exceeds the limit of ${limit}`
      : `${what} exceeds the limit of ${limit}`;
    context?.reportError(new BadUserInputError(message));
  };
}

/**
 * graphql-js validation rules enforcing `limits`, for Apollo Server's `validationRules`. Each
 * operation over a limit gets one error per limit it breaks, naming the limit and its value;
 * introspection (`__schema`) is ignored by the depth and cost rules so Sandbox keeps working.
 * Fragments are flattened: depth is the nesting of fields, not of fragments (the libraries
 * would otherwise count each fragment spread as two more levels and penalise clients for
 * organising queries in fragments).
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const rejection = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...rejection,
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      onReject: [reportAs('query depth', limits.maxDepth)],
    }),
    costLimitRule({
      ...rejection,
      maxCost: limits.maxCost,
      ignoreIntrospection: true,
      flattenFragments: true,
      onReject: [reportAs('query cost', limits.maxCost)],
    }),
    maxAliasesRule({
      ...rejection,
      n: limits.maxAliases,
      onReject: [reportAs('alias count', limits.maxAliases)],
    }),
  ];
}
