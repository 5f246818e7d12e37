import { Field, Float, InputType } from 'type-graphql';
import { z } from 'zod';
import { MatchKind } from '../entities/match-rule.entity.js';

@InputType({ description: 'A duplicate-matching rule' })
export class MatchRuleInput {
  static rules = z.object({
    field: z.string().regex(/^[A-Za-z_][\w]{0,62}$/, 'is not a field name'),
    kind: z.enum(MatchKind),
    threshold: z.number().gt(0).max(1).nullish(),
  });

  @Field(() => String)
  field!: string;

  @Field(() => MatchKind)
  kind!: MatchKind;

  @Field(() => Float, { nullable: true, description: 'For FUZZY, 0 < t <= 1; default 0.5' })
  threshold?: number | null;
}
