/**
 * Unicode NFKC normalisation, optionally followed by lowercasing. Lone surrogates first become U+FFFD, since
 * they are not text and normalisation is undefined for them. Lowercasing can leave text that NFKC changes again,
 * so the result is normalised once more, which makes the function idempotent.
 * @example normalizeText('Ｃａｆé ﬁne', true) // 'café fine'
 */
export function normalizeText(text: string, lowercase: boolean): string {
  const nfkc = text.toWellFormed().normalize('NFKC');
  return lowercase ? nfkc.toLowerCase().normalize('NFKC') : nfkc;
}

// A word: letters, marks and digits, with apostrophes allowed between them ("don't", "o'neill").
// Anything else that is not white space is a one-character punctuation token.
const WORD_OR_PUNCTUATION = /[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

/**
 * Splits (normalised) text into words and punctuation. A word is a run of letters, marks and digits, which may
 * contain an apostrophe between two such characters; every other character that is not white space is a token of
 * its own; white space only separates.
 * @example splitWords("don't stop, it's 3:15!") // ["don't", 'stop', ',', "it's", '3', ':', '15', '!']
 */
export function splitWords(text: string): string[] {
  return text.match(WORD_OR_PUNCTUATION) ?? [];
}
