import { type Opt } from '@mikro-orm/core';
import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import { SearchLanguage } from './search-language.enum.js';

/** A tenant's search configuration; a tenant without a row searches in `simple`. */
@Entity({ tableName: 'search_settings' })
@Unique({ properties: ['tenantId'] })
@ObjectType('SearchSettings', { description: "The tenant's search configuration" })
export class SearchSettings extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => SearchLanguage, { description: 'How words are stemmed and which stop words are dropped, in entries and in queries' })
  language: Opt<SearchLanguage> = SearchLanguage.SIMPLE;
}
