import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { BillingInterval, PriceType } from '../entities/price.entity.js';
import { PricingScheme, tierProblem } from '../services/pricing.js';
import { jurisdiction } from './customer.input.js';
import { currency, id, minor } from './money.rules.js';

const category = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'is not a category like standard or reduced');

@InputType()
export class CreateProductInput {
  static rules = z.object({ name: z.string().trim().min(1, 'must not be empty').max(500), taxCategory: category.nullish() });

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Default standard' })
  taxCategory?: string | null;
}

@InputType('PriceTierInput')
export class PriceTierInput {
  @Field(() => Int, { nullable: true, description: 'Null on the last tier' })
  upTo!: number | null;

  @Field(() => GraphQLSafeInt)
  unitAmountMinor!: number;

  @Field(() => GraphQLSafeInt, { nullable: true })
  flatAmountMinor?: number | null;
}

const tier = z.object({ upTo: z.number().int().positive().nullable(), unitAmountMinor: minor, flatAmountMinor: minor.nullish() });

@InputType()
export class CreatePriceInput {
  static rules = z
    .object({
      productId: id,
      currency,
      type: z.enum(PriceType),
      scheme: z.enum(PricingScheme),
      unitAmountMinor: minor.nullish(),
      tiers: z.array(tier).max(50).nullish(),
      interval: z.enum(BillingInterval).nullish(),
      intervalCount: z.number().int().min(1, 'must be at least 1').max(36).nullish(),
      meterKey: z.string().min(1).max(63).nullish(),
    })
    .superRefine((input, issues) => {
      if (input.scheme === PricingScheme.PER_UNIT && input.unitAmountMinor == null) issues.addIssue({ code: 'custom', path: ['unitAmountMinor'], message: 'is required for PER_UNIT' });
      if (input.scheme !== PricingScheme.PER_UNIT) {
        const problem = input.tiers ? tierProblem(input.tiers.map((t) => ({ ...t, flatAmountMinor: t.flatAmountMinor ?? undefined }))) : 'are required for TIERED and VOLUME';
        if (problem) issues.addIssue({ code: 'custom', path: ['tiers'], message: problem });
      }
      if ((input.type === PriceType.RECURRING) !== (input.interval != null)) issues.addIssue({ code: 'custom', path: ['interval'], message: 'is required for RECURRING and only for it' });
      if (input.meterKey && input.type !== PriceType.RECURRING) issues.addIssue({ code: 'custom', path: ['meterKey'], message: 'is for RECURRING prices only' });
    });

  @Field(() => ID)
  productId!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => PriceType)
  type!: PriceType;

  @Field(() => PricingScheme, { defaultValue: PricingScheme.PER_UNIT })
  scheme!: PricingScheme;

  @Field(() => GraphQLSafeInt, { nullable: true })
  unitAmountMinor?: number | null;

  @Field(() => [PriceTierInput], { nullable: true })
  tiers?: PriceTierInput[] | null;

  @Field(() => BillingInterval, { nullable: true })
  interval?: BillingInterval | null;

  @Field(() => Int, { nullable: true, description: 'Default 1' })
  intervalCount?: number | null;

  @Field(() => String, { nullable: true, description: "Metered price: the meter whose usage in each period is the quantity billed, in arrears" })
  meterKey?: string | null;
}

@InputType()
export class CreateTaxRateInput {
  static rules = z.object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    jurisdiction,
    category: category.nullish(),
    ratePpm: z.number().int('must be whole parts per million').min(0).max(1_000_000, 'must be at most 1000000 (100%)'),
  });

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'e.g. DE, US-IL' })
  jurisdiction!: string;

  @Field(() => String, { nullable: true, description: 'Product tax category, default standard' })
  category?: string | null;

  @Field(() => Int, { description: 'Parts per million: 19% is 190000' })
  ratePpm!: number;
}
