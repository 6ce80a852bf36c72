/**
 * Data files that ship inside this package (in its `data/` folder, with their licences beside them).
 * This module sits directly under `src/` (and is bundled into `dist/index.js`), one folder below the package
 * root in both cases, so `../data/` finds the files from either.
 */

/**
 * Where the makemore names list is: 32,033 lowercase first names, one a line, from the makemore lectures
 * (`names.txt` of Andrej Karpathy's makemore repository, MIT licence; see `data/LICENSE-makemore.txt`). A `file:`
 * URL in Node, which `loadNames()` reads by default; bundlers that understand `new URL(…, import.meta.url)` copy
 * the file and give its address in the browser, for `fetch`.
 * @example
 * const text = await (await fetch(namesUrl())).text(); // browser
 * const { names } = parseNames(text);
 */
export function namesUrl(): URL {
  return new URL('../data/names.txt', import.meta.url);
}

/** How the shipped names list was licensed, for display alongside results. @example console.log(NAMES_ATTRIBUTION) */
export const NAMES_ATTRIBUTION = 'names.txt from the makemore repository, Copyright (c) 2022 Andrej Karpathy, MIT License (data/LICENSE-makemore.txt)';

/**
 * Where the tiny Shakespeare text is: 1,115,394 characters of Shakespeare's plays (public domain), as char-rnn
 * collected them and nanoGPT's shakespeare_char example trains on them (see `data/NOTICE-tinyshakespeare.txt`). A
 * `file:` URL in Node, which `loadShakespeare()` reads; bundlers that understand `new URL(…, import.meta.url)` serve
 * it for `fetch` in the browser.
 * @example const text = await (await fetch(shakespeareUrl())).text(); // browser
 */
export function shakespeareUrl(): URL {
  return new URL('../data/tinyshakespeare.txt', import.meta.url);
}

/** Where the tiny Shakespeare text comes from, for display alongside results. @example console.log(SHAKESPEARE_ATTRIBUTION) */
export const SHAKESPEARE_ATTRIBUTION = "tinyshakespeare.txt: Shakespeare's plays (public domain) as collected in Andrej Karpathy's char-rnn repository (data/NOTICE-tinyshakespeare.txt)";

/**
 * Where UCI's "Sentiment Labelled Sentences" are: 3,000 review sentences labelled positive (1) or negative (0),
 * 1,000 each from Amazon, IMDb and Yelp, as a table `label<TAB>source<TAB>text` (Kotzias et al., KDD 2015; CC BY
 * 4.0, see `data/NOTICE-sentiment-sentences.txt`). A `file:` URL in Node, which `loadSentimentSentences()` reads;
 * bundlers that understand `new URL(…, import.meta.url)` serve it for `fetch` in the browser.
 * @example const { sentences } = parseSentimentSentences(await (await fetch(sentimentSentencesUrl())).text()); // browser
 */
export function sentimentSentencesUrl(): URL {
  return new URL('../data/sentiment-sentences.tsv', import.meta.url);
}

/** The sentiment sentences' attribution (CC BY 4.0 asks for it), for display alongside results. @example console.log(SENTIMENT_ATTRIBUTION) */
export const SENTIMENT_ATTRIBUTION =
  'Sentiment Labelled Sentences (UCI Machine Learning Repository), D. Kotzias, M. Denil, N. de Freitas and P. Smyth, "From Group to Individual Labels using Deep Features", KDD 2015; CC BY 4.0 (data/NOTICE-sentiment-sentences.txt)';
