/**
 * Ratings of items by users (`user,item,rating[,timestamp]`, MovieLens's ratings.csv, ml-100k's u.data), read with
 * the CSV/TSV record reader into typed arrays, the ids mapped to dense indices for embedding tables.
 */
import { ProblemLog, type DataProblem, type OnInvalid } from '../errors.js';
import { parseNumberField, type FieldResult } from './field-values.js';
import { readRecords } from './records.js';

/**
 * Ratings as columns of typed arrays, one entry per rating, with users and items numbered 0…n−1 in the order they
 * first appear (the indices an embedding table takes); `userIds[u]` and `itemIds[i]` are the ids in the file.
 * @example ratings.itemIds[ratings.items[0]] // '1', the movieId of the first rating of ml-latest-small
 */
export interface Ratings {
  /** Dense user index of each rating. */
  users: Int32Array;
  /** Dense item index of each rating. */
  items: Int32Array;
  ratings: Float32Array;
  /** Seconds since 1970 (MovieLens's Unix timestamps), or null when the file has no timestamp column. */
  timestamps: Float64Array | null;
  /** The 1-based line of each rating in its file, for messages about it. */
  lines: Int32Array;
  /** The file's user id of each dense user index. */
  userIds: string[];
  /** The file's item id of each dense item index. */
  itemIds: string[];
  /** Dense index of each user id. */
  userIndex: Map<string, number>;
  /** Dense index of each item id. */
  itemIndex: Map<string, number>;
  /** The smallest and largest rating. */
  scale: [number, number];
  /** Lines left out with `onInvalid: 'skip'`, and why. */
  dropped: number;
  problems: DataProblem[];
  source: string;
}

/** The columns of a ratings file, by role. */
export type RatingColumn = 'user' | 'item' | 'rating' | 'timestamp';

/**
 * Options of {@link parseRatings}.
 * @example { columns: { user: 'customer', item: 'product' } }
 */
export interface RatingsOptions {
  /** The name of the input in error messages (the loaders use the file's path). */
  source?: string;
  /** 'csv' (comma, RFC 4180 quotes) or 'tsv' (tab, no quoting). Default: 'tsv' when the first line has a tab. */
  format?: 'csv' | 'tsv';
  /** Whether the first line names the columns. Default: it does when its rating field is not a number. */
  header?: boolean;
  /**
   * Column names in the header, by role. Default: the first of `userId`, `user_id`, `user`; `movieId`, `itemId`,
   * `item_id`, `item`, `movie_id`; `rating`; `timestamp` (optional). Without a header: columns 1–3 (and 4).
   */
  columns?: Partial<Record<RatingColumn, string>>;
  /** 'error' (default) throws at the first bad line; 'skip' leaves bad lines out and counts them. */
  onInvalid?: OnInvalid;
}

const ALIASES: Record<RatingColumn, string[]> = {
  user: ['userId', 'user_id', 'user'],
  item: ['movieId', 'itemId', 'item_id', 'item', 'movie_id'],
  rating: ['rating'],
  timestamp: ['timestamp'],
};

/** A rating: a finite decimal number within float32's range (ratings are kept as float32, where a larger one would be Infinity). */
function ratingField(text: string): FieldResult<number> {
  const parsed = parseNumberField(text);
  if ('value' in parsed && !Number.isFinite(Math.fround(parsed.value))) return { error: `${JSON.stringify(text)} is out of range (a rating is kept as float32: at most about 3.4e38 in size)` };
  return parsed;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Where each role's field sits in a record, and how many fields a record has. */
interface Layout {
  positions: Record<RatingColumn, number | null>;
  width: number;
  names: string[];
}

/** The layout from the first record: by name in a header, else by position. */
function layoutOf(first: string[], options: RatingsOptions, source: string): { layout: Layout; header: boolean } {
  const looksLikeHeader = first.length >= 3 && !NUMBER.test(first[2].trim());
  const header = options.header ?? looksLikeHeader;
  if (!header) {
    if (first.length < 3 || first.length > 4) throw new Error(`${source}:1: expected user,item,rating[,timestamp] (3 or 4 fields), got ${first.length}`);
    if (options.columns) throw new Error(`${source}: columns are named only when the file has a header line`);
    const names = ['user', 'item', 'rating', 'timestamp'].slice(0, first.length);
    return { header, layout: { positions: { user: 0, item: 1, rating: 2, timestamp: first.length === 4 ? 3 : null }, width: first.length, names } };
  }
  const find = (role: RatingColumn): number | null => {
    const wanted = options.columns?.[role];
    if (wanted !== undefined) {
      const at = first.indexOf(wanted);
      if (at < 0) throw new Error(`${source}:1: no column '${wanted}' for the ${role} (the header has: ${first.join(', ')})`);
      return at;
    }
    const at = first.findIndex((name) => ALIASES[role].includes(name.trim()));
    if (at < 0 && role !== 'timestamp') throw new Error(`${source}:1: no ${role} column (looked for ${ALIASES[role].join(', ')}; the header has: ${first.join(', ')})`);
    return at < 0 ? null : at;
  };
  return { header, layout: { positions: { user: find('user'), item: find('item'), rating: find('rating'), timestamp: find('timestamp') }, width: first.length, names: first } };
}

function* prepend<T>(first: T, rest: Iterable<T>): Generator<T> {
  yield first;
  yield* rest;
}

/** Grows a typed array's capacity (ratings are counted as they are read). */
function grow<T extends Int32Array | Float32Array | Float64Array>(a: T, n: number): T {
  if (n < a.length) return a;
  const bigger = new (a.constructor as new (n: number) => T)(Math.max(1024, a.length * 2));
  bigger.set(a);
  return bigger;
}

/**
 * Parses ratings: one `user,item,rating[,timestamp]` a line (CSV or TSV, with or without a header; extra columns
 * are ignored), ids mapped to dense indices. Malformed: a wrong number of fields, an empty id, a rating or
 * timestamp that is not a number, the same user rating the same item twice; each error names the file, the line
 * and the column.
 * @example
 * const r = parseRatings('userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n', { source: 'ratings.csv' });
 * r.userIds; // ['1']
 * r.ratings; // Float32Array [2.5]
 */
export function parseRatings(text: string, options: RatingsOptions = {}): Ratings {
  const source = options.source ?? '<ratings>';
  const log = new ProblemLog(source, options.onInvalid);
  const tab = options.format === 'tsv' || (options.format === undefined && /^[^\n]*\t/.test(text));
  const records = readRecords(text, tab ? '\t' : ',', tab ? null : '"', log);
  const first = records.next();
  if (first.done) throw new Error(`${source}: no ratings (the file is empty)`);
  const { layout, header } = layoutOf(first.value.fields, options, source);
  const { positions: at, width, names } = layout;

  let users = new Int32Array(1024);
  let items = new Int32Array(1024);
  let ratings = new Float32Array(1024);
  let times = new Float64Array(at.timestamp === null ? 0 : 1024);
  let lines = new Int32Array(1024);
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const seen = new Map<number, number>(); // (user, item) → line, to catch a pair rated twice
  let n = 0;
  let low = Infinity;
  let high = -Infinity;

  const rows = header ? records : prepend(first.value, records);
  for (const { line, fields } of rows) {
    if (fields.length !== width) {
      log.report(line, `expected ${width} fields (${names.join(', ')}), got ${fields.length}`);
      continue;
    }
    const user = fields[at.user!].trim();
    const item = fields[at.item!].trim();
    const ratingText = fields[at.rating!].trim();
    const timeText = at.timestamp === null ? '' : fields[at.timestamp].trim();
    if (user === '' || item === '') {
      const role = user === '' ? 'user' : 'item';
      log.report(line, `column '${names[at[role]!]}': the ${role} id is empty`, at[role]! + 1);
      continue;
    }
    const rating = ratingField(ratingText);
    if ('error' in rating) {
      log.report(line, `column '${names[at.rating!]}': ${rating.error}`, at.rating! + 1);
      continue;
    }
    const time = at.timestamp === null ? { value: 0 } : parseNumberField(timeText);
    if ('error' in time) {
      log.report(line, `column '${names[at.timestamp!]}': ${time.error}`, at.timestamp! + 1);
      continue;
    }
    const u = userIndex.get(user) ?? userIds.length;
    const i = itemIndex.get(item) ?? itemIds.length;
    const pair = u * 2 ** 26 + i; // unique while items number under 2²⁶
    const earlier = seen.get(pair);
    if (earlier !== undefined) {
      log.report(line, `user ${user} rated item ${item} already, on line ${earlier}`);
      continue;
    }
    seen.set(pair, line);
    if (u === userIds.length) {
      userIndex.set(user, u);
      userIds.push(user);
    }
    if (i === itemIds.length) {
      itemIndex.set(item, i);
      itemIds.push(item);
    }
    [users, items, ratings, lines] = [grow(users, n), grow(items, n), grow(ratings, n), grow(lines, n)];
    users[n] = u;
    items[n] = i;
    ratings[n] = rating.value;
    lines[n] = line;
    if (at.timestamp !== null) {
      times = grow(times, n);
      times[n] = time.value;
    }
    low = Math.min(low, ratings[n]);
    high = Math.max(high, ratings[n]);
    n++;
  }
  if (n === 0) throw new Error(`${source}: no ratings${log.dropped ? ` (all ${log.dropped} lines were malformed)` : ''}`);
  return {
    users: users.slice(0, n),
    items: items.slice(0, n),
    ratings: ratings.slice(0, n),
    timestamps: at.timestamp === null ? null : times.slice(0, n),
    lines: lines.slice(0, n),
    userIds,
    itemIds,
    userIndex,
    itemIndex,
    scale: [low, high],
    dropped: log.dropped,
    problems: log.problems,
    source,
  };
}
