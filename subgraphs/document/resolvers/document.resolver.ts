import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { UserReference, userReference } from '../../../shared/graphql/references.js';
import { Document } from '../entities/document.entity.js';
import { CreateDocumentInput } from '../inputs/create-document.input.js';
import { UpdateDocumentInput } from '../inputs/update-document.input.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import * as documents from '../services/document.service.js';

type Ctx = RequestContext<DocumentLoaders>;

@ObjectType({ description: 'A page of documents' })
export class DocumentList extends ListOf(Document) {}

@Resolver(() => Document)
export class DocumentResolver {
  @Authorized('document:document:read')
  @Query(() => Document)
  document(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Document> {
    return documents.getDocument(ctx, id);
  }

  @Authorized('document:document:read')
  @Query(() => DocumentList, { description: "The caller tenant's documents, newest first" })
  documents(@Ctx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs): Promise<DocumentList> {
    return documents.listDocuments(ctx, page);
  }

  @Authorized('document:document:write')
  @Mutation(() => Document)
  createDocument(@Ctx() ctx: Ctx, @Arg('input', () => CreateDocumentInput) input: CreateDocumentInput): Promise<Document> {
    return documents.createDocument(ctx, input);
  }

  @Authorized('document:document:write')
  @Mutation(() => Document)
  updateDocument(
    @Ctx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDocumentInput) input: UpdateDocumentInput,
  ): Promise<Document> {
    return documents.updateDocument(ctx, id, input);
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Null when the owner is not visible to the caller' })
  owner(@Root() document: Document): UserReference | null {
    return userReference(document.ownerId);
  }
}
