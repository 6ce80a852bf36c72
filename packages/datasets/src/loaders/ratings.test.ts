import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../errors.js';
import { parseRatings } from './ratings.js';

describe('parseRatings', () => {
  it('reads MovieLens ratings.csv: header, CRLF, ids mapped to dense indices in order of first appearance', () => {
    const r = parseRatings('userId,movieId,rating,timestamp\r\n7,31,2.5,1260759144\r\n7,1029,3.0,1260759179\r\n3,31,4.5,1260759185\r\n', { source: 'ratings.csv' });
    expect(Array.from(r.users)).toEqual([0, 0, 1]);
    expect(Array.from(r.items)).toEqual([0, 1, 0]);
    expect(Array.from(r.ratings)).toEqual([2.5, 3, 4.5]);
    expect(Array.from(r.timestamps!)).toEqual([1260759144, 1260759179, 1260759185]);
    expect(Array.from(r.lines)).toEqual([2, 3, 4]);
    expect(r.userIds).toEqual(['7', '3']);
    expect(r.itemIds).toEqual(['31', '1029']);
    expect(r.itemIndex.get('1029')).toBe(1);
    expect(r.scale).toEqual([2.5, 4.5]);
  });

  it('reads a headerless TSV (ml-100k u.data) and a headerless CSV without timestamps', () => {
    const tsv = parseRatings('196\t242\t3\t881250949\n186\t302\t3\t891717742\n', { source: 'u.data' });
    expect(tsv.userIds).toEqual(['196', '186']);
    expect(Array.from(tsv.timestamps!)).toEqual([881250949, 891717742]);
    const csv = parseRatings('u1,i1,5\nu2,i1,1\n');
    expect(csv.timestamps).toBeNull();
    expect(Array.from(csv.ratings)).toEqual([5, 1]);
  });

  it('finds columns by name, in any order, with extra columns ignored or named explicitly', () => {
    const r = parseRatings('rating,note,movieId,userId\n4,"great, really",10,1\n');
    expect([r.userIds, r.itemIds, Array.from(r.ratings)]).toEqual([['1'], ['10'], [4]]);
    const named = parseRatings('customer,product,stars\na,b,3\n', { columns: { user: 'customer', item: 'product', rating: 'stars' } });
    expect(named.userIds).toEqual(['a']);
  });

  it('names the file, the line and the column of what is wrong', () => {
    const bad = (text: string) => () => parseRatings(text, { source: 'r.csv' });
    expect(bad('userId,movieId,rating\n1,2,3\n1,3,four\n')).toThrow("r.csv:3:3: column 'rating': \"four\" is not a number");
    // numbers that would become Infinity (as a double, or as the float32 a rating is kept in) are refused
    expect(bad('userId,movieId,rating\n1,2,3\n1,3,1e999\n')).toThrow("r.csv:3:3: column 'rating': \"1e999\" is out of range");
    expect(bad('userId,movieId,rating\n1,2,3\n1,3,1e300\n')).toThrow("r.csv:3:3: column 'rating': \"1e300\" is out of range (a rating is kept as float32");
    expect(bad('userId,movieId,rating,timestamp\n1,2,3,5\n1,3,4,1e999\n')).toThrow("r.csv:3:4: column 'timestamp': \"1e999\" is out of range");
    expect(bad('userId,movieId,rating\n1,2\n')).toThrow('r.csv:2: expected 3 fields (userId, movieId, rating), got 2');
    expect(bad('userId,movieId,rating\n1,,3\n')).toThrow("r.csv:2:2: column 'movieId': the item id is empty");
    expect(bad('userId,movieId,rating\n1,2,3\n\n1,2,4\n')).toThrow('r.csv:3: empty line');
    expect(bad('userId,movieId,rating\n1,2,3\n1,2,4\n')).toThrow('r.csv:3: user 1 rated item 2 already, on line 2');
    expect(bad('user,title,score\n1,2,3\n')).toThrow("r.csv:1: no item column (looked for movieId, itemId, item_id, item, movie_id; the header has: user, title, score)");
    expect(bad('1,2,3,4,5\n')).toThrow('r.csv:1: expected user,item,rating[,timestamp] (3 or 4 fields), got 5');
    expect(bad('')).toThrow('r.csv: no ratings (the file is empty)');
    try {
      bad('userId,movieId,rating\n1,2,x\n')();
    } catch (e) {
      expect(e).toBeInstanceOf(DataFormatError);
      expect((e as DataFormatError).problem).toEqual({ source: 'r.csv', line: 2, column: 3, message: expect.stringContaining('column \'rating\': "x" is not a number') });
    }
  });

  it("with onInvalid: 'skip', leaves bad lines out and says which", () => {
    const r = parseRatings('userId,movieId,rating\n1,2,3\n1,3,x\n2,2,4\n', { source: 'r.csv', onInvalid: 'skip' });
    expect(Array.from(r.ratings)).toEqual([3, 4]);
    expect(r.dropped).toBe(1);
    expect(r.problems[0]).toMatchObject({ line: 3, column: 3 });
  });
});
