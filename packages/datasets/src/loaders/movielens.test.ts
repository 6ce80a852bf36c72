// The MovieLens loaders on small texts made here, and on the real ml-latest-small folder of this repository
// (data/movielens-small, under GroupLens's licence; used by tests, never shipped).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMovieLens, loadRatings } from '../node.js';
import { parseMovieLens, parseMovies } from './movielens.js';

const ML_SMALL = new URL('../../../../data/movielens-small/', import.meta.url);

describe('parseMovies', () => {
  it('reads quoted titles with commas, genres and years; CRLF', () => {
    const m = parseMovies('movieId,title,genres\r\n11,"American President, The (1995)",Comedy|Drama|Romance\r\n5,Heat,(no genres listed)\r\n');
    expect(m.titles).toEqual(['American President, The (1995)', 'Heat']);
    expect(m.genres).toEqual([['Comedy', 'Drama', 'Romance'], []]);
    expect(m.years).toEqual([1995, null]);
    expect(m.index.get('5')).toBe(1);
  });

  it('refuses a movie listed twice, and a rated movie that is not listed', () => {
    expect(() => parseMovies('movieId,title,genres\n1,A,x\n1,B,y\n', { source: 'movies.csv' })).toThrow("movies.csv:3: movieId 1 is listed twice (first as 'A')");
    const movies = 'movieId,title,genres\n1,A,x\n';
    expect(() => parseMovieLens({ movies, ratings: 'userId,movieId,rating\n1,1,4\n1,2,3\n' })).toThrow('ratings.csv:3: movie 2 is not in movies.csv');
  });
});

describe.skipIf(!existsSync(ML_SMALL))('ml-latest-small (data/movielens-small)', () => {
  it('has 100,836 ratings of 9,724 movies by 610 users, mean 3.5016, from 0.5 to 5 stars', async () => {
    const { ratings, movies } = await loadMovieLens(ML_SMALL);
    expect(ratings.ratings.length).toBe(100_836);
    expect(ratings.userIds.length).toBe(610);
    expect(ratings.itemIds.length).toBe(9_724);
    expect(movies.ids.length).toBe(9_742);
    expect(ratings.scale).toEqual([0.5, 5]);
    expect(ratings.ratings.reduce((a, b) => a + b, 0) / ratings.ratings.length).toBeCloseTo(3.5016, 4);
    expect(movies.titles[movies.index.get('11')!]).toBe('American President, The (1995)');
    expect(movies.genres[movies.index.get('1')!]).toEqual(['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy']);
    expect(ratings.source).toMatch(/ratings\.csv$/);
  });

  it('loadRatings reads the same ratings file alone', async () => {
    const r = await loadRatings(new URL('ratings.csv', ML_SMALL));
    expect(r.ratings.length).toBe(100_836);
    expect(r.userIds[0]).toBe('1');
  });

  it('a missing folder is an error that says where it looked', async () => {
    await expect(loadMovieLens('/no/such/folder')).rejects.toThrow('loadMovieLens: no file at /no/such/folder/ratings.csv');
  });
});
