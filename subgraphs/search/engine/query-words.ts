/*
 * The words of a web-search query that typo correction looks at, and the query with some of
 * them replaced. Operators stay as typed: `or`, quotes, and excluded (`-word`) words, which are
 * never corrected (excluding a misspelling excludes nothing, and guessing would exclude too much).
 */

const WORD = /(^|[^\p{L}\p{N}-])(-?)([\p{L}\p{N}]+)/gu;

/** The lower-cased words of `text` worth correcting (at least 3 letters, not `or`, not excluded). */
export function queryWords(text: string): string[] {
  const words = new Set<string>();
  for (const [, , minus, word] of text.matchAll(WORD)) {
    const lower = word!.toLowerCase();
    if (!minus && lower !== 'or' && lower.length >= 3) words.add(lower);
  }
  return [...words];
}

/** `text` with each word found in `replacements` (by its lower-cased form) replaced. */
export function correctWords(text: string, replacements: ReadonlyMap<string, string>): string {
  return text.replace(WORD, (match, before: string, minus: string, word: string) => {
    const replacement = minus ? undefined : replacements.get(word.toLowerCase());
    return replacement ? `${before}${replacement}` : match;
  });
}
