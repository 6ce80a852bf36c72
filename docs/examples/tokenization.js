import { BpeTokenizer, CharTokenizer, WordTokenizer } from '@typegrad/tokenizers';

// Characters: makemore's vocabulary, '.' (the boundary) is id 0.
const names = ['emma', 'olivia', 'ava', 'isabella', 'sophia'];
const chars = CharTokenizer.fromCorpus(names);
console.log('char vocab', chars.vocabSize, chars.encode('emma'));

// Words: punctuation is a token of its own; unseen words become <unk> (id 1).
const words = WordTokenizer.fromCorpus(['A great film!', 'A bad film.'], { minFrequency: 1 });
console.log('word tokens', JSON.stringify(words.tokens));
console.log('encode', words.encode('a GREAT film?'));

// Byte-level BPE: start from the 256 bytes and merge the most frequent pair, again and again.
const text = 'low lower lowest low low newer newest new new'.repeat(4);
const bpe = BpeTokenizer.train(text, { vocabSize: 256 + 8, pattern: 'gpt2' });
console.log('merges', bpe.merges.length);
const ids = bpe.encode('lowest newest');
console.log('ids', ids, '→', JSON.stringify(ids.map((id) => bpe.decode([id]))));
console.log('round trip', bpe.decode(ids) === 'lowest newest');

// Batches become padded int32 tensors and a mask.
const { inputIds, attentionMask } = words.encodeBatch(['a great film', 'bad'], { length: 4 });
console.log(inputIds.toString());
console.log(attentionMask.toString());
