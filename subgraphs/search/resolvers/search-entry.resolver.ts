import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import {
  DocumentReference,
  documentReference,
  EntityRecordReference,
  entityRecordReference,
  InvoiceReference,
  invoiceReference,
  UserReference,
  userReference,
} from '../../../shared/graphql/references.js';
import { SearchEntry } from '../entities/search-entry.entity.js';
import { IndexEntryInput } from '../inputs/index-entry.input.js';
import { RemoveEntryArgs } from '../inputs/remove-entry.input.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';
import * as entries from '../services/search-entry.service.js';

type Ctx = RequestContext<SearchLoaders>;

@Resolver(() => SearchEntry)
export class SearchEntryResolver {
  @Authorized('search:entry:write')
  @Mutation(() => SearchEntry, { description: 'Indexes the text of a thing, replacing what was indexed for it before' })
  indexEntry(@Ctx() ctx: Ctx, @Arg('input', () => IndexEntryInput) input: IndexEntryInput): Promise<SearchEntry> {
    return entries.indexEntry(ctx, input);
  }

  @Authorized('search:entry:write')
  @Mutation(() => Boolean, { description: 'Forgets the entry of a thing; false when there was none' })
  removeEntry(@Ctx() ctx: Ctx, @Args(() => RemoveEntryArgs) args: RemoveEntryArgs): Promise<boolean> {
    return entries.removeEntry(ctx, args);
  }

  @FieldResolver(() => EntityRecordReference, { nullable: true, description: 'The entity record it stands for (kind record), resolved by the entity subgraph' })
  record(@Root() entry: SearchEntry): EntityRecordReference | null {
    return entry.kind === 'record' ? entityRecordReference(entry.refId) : null;
  }

  @FieldResolver(() => DocumentReference, { nullable: true, description: 'The document it stands for (kind document), resolved by the document subgraph' })
  document(@Root() entry: SearchEntry): DocumentReference | null {
    return entry.kind === 'document' ? documentReference(entry.refId) : null;
  }

  @FieldResolver(() => InvoiceReference, { nullable: true, description: 'The invoice it stands for (kind invoice), resolved by the finance subgraph' })
  invoice(@Root() entry: SearchEntry): InvoiceReference | null {
    return entry.kind === 'invoice' ? invoiceReference(entry.refId) : null;
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'The member it stands for (kind user), resolved by the identity subgraph' })
  user(@Root() entry: SearchEntry): UserReference | null {
    return entry.kind === 'user' ? userReference(entry.refId) : null;
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Who indexed it first; null for a service or when not visible' })
  createdBy(@Root() entry: SearchEntry): UserReference | null {
    return userReference(entry.createdById);
  }
}
