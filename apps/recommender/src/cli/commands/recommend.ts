import { listFlag, markdownTable, numberFlag, stringFlag, UsageError, type CliIO, type RawFlags } from '@typegrad/app-kit';
import { findItem, type Catalog } from '../../data/catalog.js';
import { explainItem, type Reason } from '../../recommend/explain.js';
import type { ItemRating } from '../../recommend/fold-in.js';
import { recommendNewUser } from '../../recommend/new-user.js';
import { recommendForUser, type Recommendation } from '../../recommend/recommend.js';
import { openSession, type Session } from '../session.js';

/** `--rate "Title=stars"` as an item and a rating, checked against the catalogue and the rating scale. */
function parseRating(text: string, catalog: Catalog, scale: readonly [number, number]): ItemRating {
  const at = text.lastIndexOf('=');
  if (at < 0) throw new UsageError(`--rate must be 'title=stars', e.g. --rate "Heat (1995)=5", got '${text}'`);
  const stars = Number(text.slice(at + 1));
  if (!(stars >= scale[0] && stars <= scale[1])) throw new UsageError(`--rate '${text}': stars must be a number from ${scale[0]} to ${scale[1]}`);
  try {
    return { item: findItem(catalog, text.slice(0, at)), rating: stars };
  } catch (e) {
    throw new UsageError(`--rate: ${(e as Error).message}`);
  }
}

/** The rows of the table: rank, title, genres, predicted rating (or score), and the rated items behind it. */
function printRecommendations(io: CliIO, s: Session, recs: (Recommendation & { reasons: Reason[] })[]): void {
  const { titles, genres } = s.data.catalog;
  const because = (reasons: Reason[]) => reasons.map((r) => `${titles[r.item]} (${r.rating})`).join('; ') || '—';
  const scoreName = s.meta.config.kind === 'bpr' ? 'score' : 'predicted';
  io.log(markdownTable(['#', 'title', 'genres', scoreName, 'because you rated'], recs.map((r, k) => [String(k + 1), titles[r.item], genres[r.item].join('|') || '—', r.score.toFixed(2), because(r.reasons)])));
}

/**
 * `recommender recommend`: a known user's (`--user`) or a new user's (`--rate`, folded in) best unseen items with
 * predicted ratings, each with the rated items that pushed it up most.
 * @example await recommendCommand({ user: '42', count: '10' }, processIO())
 */
export async function recommendCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const user = stringFlag(flags, 'user');
  const rates = listFlag(flags, 'rate');
  if ((user === undefined) === (rates.length === 0)) throw new UsageError('give either --user <id> (a user in the data) or --rate "title=stars" (one or more, for a new user)');
  const count = numberFlag(flags, 'count', 10, { integer: true, min: 1 });
  const s = await openSession(flags);
  const { data, model, meta } = s;
  const reg = meta.training.reg || 0.1;
  if (user !== undefined) {
    const u = data.ratings.userIndex.get(user);
    if (u === undefined) throw new Error(`no user '${user}' in ${meta.data.source === data.ratings.source ? data.ratings.source : 'the data'} (user ids run ${data.ratings.userIds[0]} … ${data.ratings.userIds.at(-1)})`);
    const rated: ItemRating[] = [];
    const everything = new Set<number>();
    for (let k = 0; k < data.all.length; k++) if (data.all.users[k] === u) everything.add(data.all.items[k]);
    for (let k = 0; k < data.train.length; k++) if (data.train.users[k] === u) rated.push({ item: data.train.items[k], rating: data.train.ratings[k] });
    const bias = model.userRow(u).bias.dataSync()[0];
    const recs = recommendForUser(model, u, everything, count).map((r) => ({ ...r, reasons: explainItem(model, rated, r.item, { reg, userBias: bias }) }));
    io.log(`user ${user}: ${everything.size} ratings (${rated.length} the model trained on); the ${count} best movies they have not rated:`);
    printRecommendations(io, s, recs);
    return;
  }
  const rated = rates.map((r) => parseRating(r, data.catalog, data.scale));
  const { recommendations } = recommendNewUser(model, rated, { count, reg });
  io.log(`a new user with ${rated.length} rating${rated.length === 1 ? '' : 's'}, folded in (the model's items frozen); the ${count} best movies not rated:`);
  printRecommendations(io, s, recommendations);
}
