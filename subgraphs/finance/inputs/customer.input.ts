import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { currency, id } from './money.rules.js';

const name = z.string().trim().min(1, 'must not be empty').max(500);
const email = z.string().trim().email('is not an email address').max(320);
export const jurisdiction = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,8})*$/, 'is not a jurisdiction like DE or US-IL-CHI');

@InputType()
export class CreateCustomerInput {
  static rules = z.object({ name, email: email.nullish(), currency, taxJurisdiction: jurisdiction.nullish(), entityRecordId: id.nullish() });

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { description: 'ISO 4217 code its invoices are in' })
  currency!: string;

  @Field(() => String, { nullable: true, description: 'e.g. DE or US-IL-CHI' })
  taxJurisdiction?: string | null;

  @Field(() => ID, { nullable: true, description: 'The entity record this customer is, if any' })
  entityRecordId?: string | null;
}

@InputType({ description: 'Fields to change; omitted fields stay, null clears an optional one' })
export class UpdateCustomerInput {
  static rules = z.object({ name: name.nullish(), email: email.nullish(), taxJurisdiction: jurisdiction.nullish(), entityRecordId: id.nullish() });

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  taxJurisdiction?: string | null;

  @Field(() => ID, { nullable: true })
  entityRecordId?: string | null;
}
