import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import { EntityType } from './entity-type.entity.js';

export enum EntityFieldKind {
  TEXT = 'text',
  LONG_TEXT = 'long_text',
  NUMBER = 'number',
  DECIMAL = 'decimal',
  BOOLEAN = 'boolean',
  DATE = 'date',
  DATETIME = 'datetime',
  ENUM = 'enum',
  EMAIL = 'email',
  URL = 'url',
  PHONE = 'phone',
  CURRENCY = 'currency',
  JSON = 'json',
  RECORD_REFERENCE = 'record_reference',
  USER_REFERENCE = 'user_reference',
}
registerEnumType(EntityFieldKind, {
  name: 'EntityFieldKind',
  description: 'What a field holds, and so how its value is written in a record',
  valuesConfig: {
    TEXT: { description: 'A string on one line, at most 1,000 characters' },
    LONG_TEXT: { description: 'A string of any length (within the 1 MB record)' },
    NUMBER: { description: 'A JSON number' },
    DECIMAL: { description: 'An exact decimal written as a string of digits, e.g. "12.50"; never a float' },
    BOOLEAN: { description: 'true or false' },
    DATE: { description: 'A calendar date, YYYY-MM-DD' },
    DATETIME: { description: 'An ISO 8601 instant with an offset; stored in UTC, e.g. 2026-01-31T09:30:00.000Z' },
    ENUM: { description: 'One of the field options' },
    EMAIL: { description: 'An email address; unique fields compare it case-insensitively' },
    URL: { description: 'An http or https URL' },
    PHONE: { description: 'An international number (+ and country code); stored as E.164, e.g. +442079460958' },
    CURRENCY: { description: '{ amountMinor: integer, currency: ISO 4217 code }' },
    JSON: { description: 'Any JSON value' },
    RECORD_REFERENCE: { description: 'The id of a record of the field referenceType' },
    USER_REFERENCE: { description: 'The id of an identity User' },
  },
});

/**
 * One field of an entity type. A row per field rather than a JSONB array on the type: the
 * database keeps names unique per type, a field keeps its id across renames (its unique index is
 * named after that id), and the audit trail shows each field added, renamed, deprecated or
 * removed as its own entry with its own diff instead of a rewrite of the whole definition.
 */
@Entity({ tableName: 'entity_field' })
@Unique({ properties: ['entityType', 'name'] })
@ObjectType('EntityField', { description: 'A field of an entity type, with its rules' })
export class EntityField extends TenantOwnedEntity {
  @ManyToOne(() => EntityType, { deleteRule: 'cascade' })
  entityType!: EntityType;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The key of its value in record data' })
  name!: string;

  @Enum({ items: () => EntityFieldKind })
  @Field(() => EntityFieldKind)
  kind!: EntityFieldKind;

  /** Order of the fields in their type: the order they were added. */
  @Property({ type: 'integer' })
  @Field(() => Int)
  position!: number;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  description: Opt<string> = '';

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Every record must hold a value (not null, not an empty string)' })
  required: Opt<boolean> = false;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'No two records of the type hold the same value (enforced by an index)' })
  unique: Opt<boolean> = false;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'Written into new records that leave the field out' })
  defaultValue?: unknown;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  @Field(() => Float, { nullable: true, description: 'Lowest value (numbers, decimals, currency amountMinor) or shortest length (texts)' })
  min?: number | null;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  @Field(() => Float, { nullable: true, description: 'Highest value or longest length, like min' })
  max?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'A regular expression (JavaScript, u flag) the text must match' })
  pattern?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => [String], { nullable: true, description: 'The allowed values of an ENUM field' })
  options?: string[] | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The entity type a RECORD_REFERENCE points to' })
  referenceType?: string | null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Still readable in records, refused in new writes' })
  deprecated: Opt<boolean> = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  deprecationReason?: string | null;
}
