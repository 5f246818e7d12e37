import { Arg, Authorized, Ctx, Field, Float, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { MatchRule } from '../entities/match-rule.entity.js';
import { MatchRuleInput } from '../inputs/match-rule.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import * as duplicates from '../services/duplicate.service.js';
import { mergeRecords } from '../services/record-merge.service.js';

type Ctx = RequestContext<EntityLoaders>;

@ObjectType({ description: 'Two records a match rule says are likely the same' })
export class DuplicateCandidate {
  @Field(() => EntityRecord)
  record!: EntityRecord;

  @Field(() => EntityRecord)
  duplicate!: EntityRecord;

  @Field(() => Float, { description: '1 for exact, email and phone matches; the trigram similarity for fuzzy ones' })
  score!: number;

  @Field(() => [String], { description: 'Fields whose rules matched' })
  matchedFields!: string[];
}

@Resolver()
export class DuplicateResolver {
  @Authorized('entity:type:read')
  @Query(() => [MatchRule], { description: "A type's duplicate-matching rules" })
  matchRules(@Ctx() ctx: Ctx, @Arg('type', () => String) type: string): Promise<MatchRule[]> {
    return duplicates.matchRules(ctx, type);
  }

  @Authorized('entity:type:write')
  @Mutation(() => [MatchRule], { description: "Replaces a type's duplicate-matching rules" })
  setMatchRules(@Ctx() ctx: Ctx, @Arg('type', () => String) type: string, @Arg('rules', () => [MatchRuleInput]) rules: MatchRuleInput[]): Promise<MatchRule[]> {
    return duplicates.setMatchRules(ctx, type, rules);
  }

  @Authorized('entity:record:read')
  @Query(() => [DuplicateCandidate], { description: 'Likely duplicate pairs of a type by its match rules, best first; only pairs with `recordId` when given' })
  findDuplicates(
    @Ctx() ctx: Ctx,
    @Arg('type', () => String) type: string,
    @Arg('recordId', () => ID, { nullable: true }) recordId?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<DuplicateCandidate[]> {
    return duplicates.findDuplicates(ctx, type, recordId, Math.min(Math.max(first, 1), 200));
  }

  @Authorized('entity:record:write')
  @Mutation(() => EntityRecord, { description: 'Merges one record into another: values it lacks, every link; the merged one goes to the bin with mergedInto set' })
  mergeRecords(@Ctx() ctx: Ctx, @Arg('keep', () => ID) keep: string, @Arg('merge', () => ID) merge: string): Promise<EntityRecord> {
    return mergeRecords(ctx, keep, merge);
  }
}
