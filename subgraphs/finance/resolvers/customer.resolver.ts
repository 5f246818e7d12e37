import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { EntityRecordReference, entityRecordReference } from '../../../shared/graphql/references.js';
import { Customer } from '../entities/customer.entity.js';
import { CreateCustomerInput, UpdateCustomerInput } from '../inputs/customer.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import * as customers from '../services/customer.service.js';

type Ctx = RequestContext<FinanceLoaders>;

@ObjectType({ description: 'A page of customers' })
export class CustomerList extends ListOf(Customer) {}

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized('finance:customer:read')
  @Query(() => Customer)
  customer(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Customer> {
    return customers.getCustomer(ctx, id);
  }

  @Authorized('finance:customer:read')
  @Query(() => CustomerList, { description: "The caller tenant's customers, newest first" })
  customers(@Ctx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs): Promise<CustomerList> {
    return customers.listCustomers(ctx, page);
  }

  @Authorized('finance:customer:write')
  @Mutation(() => Customer)
  createCustomer(@Ctx() ctx: Ctx, @Arg('input', () => CreateCustomerInput) input: CreateCustomerInput): Promise<Customer> {
    return customers.createCustomer(ctx, input);
  }

  @Authorized('finance:customer:write')
  @Mutation(() => Customer, { description: 'Its currency cannot change: its invoices are in it' })
  updateCustomer(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateCustomerInput) input: UpdateCustomerInput): Promise<Customer> {
    return customers.updateCustomer(ctx, id, input);
  }

  @FieldResolver(() => EntityRecordReference, { nullable: true, description: 'The entity record this customer is, resolved by the entity subgraph' })
  record(@Root() customer: Customer): EntityRecordReference | null {
    return entityRecordReference(customer.entityRecordId);
  }
}
