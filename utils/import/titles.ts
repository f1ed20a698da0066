/**
 * Titles as the cross-reference compares them. `exactTitle` only folds case and spacing;
 * `looseTitle` also drops accents, leading articles and punctuation, so "Amélie", "Amelie" and
 * "The Amélie!" meet, which is what a `fuzzy` match means.
 */
export function exactTitle(title: string): string {
  return title.normalize('NFC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

/** Articles a title may begin with, in the languages people's libraries are in. */
const ARTICLES = /^(?:the|a|an|le|la|les|l'|el|los|las|der|die|das|il|lo|gli|i|un|una|une|des|ein|eine)\s+|^l'/;

export function looseTitle(title: string): string {
  const folded = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .replace(/&/g, ' and ')
    .replace(/[\u2018\u2019`´]/g, "'")
    .trim();
  // "Office, The" is "The Office".
  const moved = folded.replace(/^(.*),\s*(the|a|an)$/, '$2 $1');
  return moved
    .replace(ARTICLES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
