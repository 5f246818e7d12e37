import { correctWords, queryWords } from './query-words.js';

describe('query words for typo correction', () => {
  it('takes words of three letters or more, lower-cased, skipping or and excluded words', () => {
    expect(queryWords('Invioce OR "Acme corp" -draft to')).toEqual(['invioce', 'acme', 'corp']);
  });

  it('replaces words keeping quotes, operators and excluded words as typed', () => {
    const fixed = correctWords('"Acme corpp" or Invioce -invioce', new Map([['corpp', 'corp'], ['invioce', 'invoice']]));
    expect(fixed).toBe('"Acme corp" or invoice -invioce');
  });

  it('reads letters beyond ASCII as words', () => {
    expect(queryWords('Häuser straße')).toEqual(['häuser', 'straße']);
  });
});
