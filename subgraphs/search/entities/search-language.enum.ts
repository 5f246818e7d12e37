import { registerEnumType } from 'type-graphql';

/** The PostgreSQL text search configurations a tenant may choose (the value is the configuration's name). */
export enum SearchLanguage {
  SIMPLE = 'simple',
  ENGLISH = 'english',
  FRENCH = 'french',
  GERMAN = 'german',
  SPANISH = 'spanish',
}

registerEnumType(SearchLanguage, {
  name: 'SearchLanguage',
  description: 'Text search language: SIMPLE matches words as written; the others also match other forms of a word and ignore stop words',
});
