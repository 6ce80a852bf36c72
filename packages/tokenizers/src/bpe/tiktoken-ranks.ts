import { parseJsTiktokenRanks, parseTiktokenFile, rankTableFromPairs, type RankTable } from './rank-table.js';

/**
 * The rank data that js-tiktoken ships in `js-tiktoken/ranks/<name>`: `bpe_ranks` holds lines of
 * `! <first rank> <base64 token> <base64 token> ...`, the tokens taking consecutive ranks.
 * @example import ranks from 'js-tiktoken/ranks/cl100k_base'; // a TiktokenRankObject
 */
export interface TiktokenRankObject {
  bpe_ranks: string;
  pat_str?: string;
  special_tokens?: Record<string, number>;
  explicit_n_vocab?: number;
}

/**
 * Rank data: a js-tiktoken rank object, the text of a `.tiktoken` file (one `<base64 token> <rank>` a line), or
 * (token, rank) pairs with each token's bytes as a latin1 string (one character per byte, as `atob` returns).
 * @example const source: TiktokenRankSource = fs.readFileSync('cl100k_base.tiktoken', 'utf8');
 */
export type TiktokenRankSource = TiktokenRankObject | string | Iterable<readonly [string, number]>;

/**
 * The ranks in any supported source, packed.
 * @example tiktokenRanks('IQ== 0\nIg== 1\n').count // 2
 */
export function tiktokenRanks(source: TiktokenRankSource, op = 'BpeTokenizer.fromTiktoken'): RankTable {
  if (typeof source === 'string') return parseTiktokenFile(source, op);
  if (typeof source === 'object' && source !== null) {
    if ('bpe_ranks' in source && typeof source.bpe_ranks === 'string') return parseJsTiktokenRanks(source.bpe_ranks, op);
    if (Symbol.iterator in source) return rankTableFromPairs(source, op);
  }
  throw new Error(`${op}: expected .tiktoken file contents (a string), a js-tiktoken rank object with 'bpe_ranks', or (token, rank) pairs; got ${source === null ? 'null' : typeof source}`);
}

/**
 * Writes ranks as `.tiktoken` text: one `<base64 token> <rank>` a line, in rank order. `ids` lists the ranks that
 * have bytes, ascending; pass it when `tokenBytes` has gaps, so that the work follows the count of tokens rather
 * than the largest rank.
 * @example tiktokenFileText([Uint8Array.of(33)]) // 'IQ== 0\n'
 */
export function tiktokenFileText(tokenBytes: readonly (Uint8Array | undefined)[], ids?: Iterable<number>): string {
  const lines: string[] = [];
  const write = (bytes: Uint8Array | undefined, rank: number): void => {
    if (bytes === undefined) return;
    let latin1 = '';
    for (let i = 0; i < bytes.length; i++) latin1 += String.fromCharCode(bytes[i]);
    lines.push(`${btoa(latin1)} ${rank}`);
  };
  if (ids === undefined) tokenBytes.forEach(write);
  else for (const id of ids) write(tokenBytes[id], id);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
