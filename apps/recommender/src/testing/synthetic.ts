/**
 * Small ratings made in the tests, with a structure a model can learn: each user and item has a hidden taste in two
 * dimensions, and a rating is 3 + 1.5 × their agreement, rounded to half stars. Seeded, so every run is the same.
 */
import { parseRatings, type Ratings } from '@typegrad/datasets';

/** A tiny deterministic generator (mulberry32), so the data never depends on typegrad's own random ops. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A ratings CSV (`userId,movieId,rating,timestamp`): `users` users each rating `perUser` of `items` items, chosen at
 * random (`uniform`) or the ones that suit them best (`taste`).
 * @example const text = syntheticRatingsCsv(40, 30, 12);
 */
export function syntheticRatingsCsv(users: number, items: number, perUser: number, seed = 1, choice: 'uniform' | 'taste' = 'uniform'): string {
  const rand = random(seed);
  const taste = (n: number) => Array.from({ length: n }, () => [rand() * 2 - 1, rand() * 2 - 1]);
  const u = taste(users);
  const v = taste(items);
  const agree = (a: number, i: number) => u[a][0] * v[i][0] + u[a][1] * v[i][1];
  const lines = ['userId,movieId,rating,timestamp'];
  for (let a = 0; a < users; a++) {
    let chosen: number[];
    if (choice === 'taste') {
      // users pick what suits them (with some noise): which items they rate then says something, as BPR assumes
      const keyed = Array.from({ length: items }, (_, i) => ({ i, key: agree(a, i) + rand() * 0.5 }));
      chosen = keyed.sort((x, y) => y.key - x.key).slice(0, perUser).map((x) => x.i);
    } else {
      const set = new Set<number>();
      while (set.size < perUser) set.add(Math.floor(rand() * items));
      chosen = [...set];
    }
    chosen.forEach((i, k) => {
      const agreement = agree(a, i);
      const stars = Math.min(5, Math.max(0.5, Math.round((3 + 1.5 * agreement + (rand() - 0.5) * 0.5) * 2) / 2));
      lines.push(`${a + 1},${100 + i},${stars},${1_000_000 + a * 1000 + k}`);
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A movies.csv for the synthetic items: "Movie 100 (2000)", with a genre each. */
export function syntheticMoviesCsv(items: number): string {
  const genres = ['Comedy', 'Drama', 'Action|Thriller'];
  const lines = ['movieId,title,genres', ...Array.from({ length: items }, (_, i) => `${100 + i},"Movie ${100 + i}, The (${2000 + (i % 20)})",${genres[i % 3]}`)];
  return `${lines.join('\r\n')}\r\n`;
}

/** The synthetic ratings, parsed. @example const ratings = syntheticRatings(); ratings.ratings.length // 40 × 12 */
export function syntheticRatings(users = 40, items = 30, perUser = 12, seed = 1, choice: 'uniform' | 'taste' = 'uniform'): Ratings {
  return parseRatings(syntheticRatingsCsv(users, items, perUser, seed, choice), { source: 'synthetic.csv' });
}
