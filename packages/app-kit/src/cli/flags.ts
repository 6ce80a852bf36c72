/**
 * Command-line flags as data: each command declares its flags once, and the parser, the checks and the help text
 * all read that one declaration.
 */

/** One flag: a string value (`--steps 100`) or a switch (`--plain`). */
export interface FlagSpec {
  type: 'string' | 'boolean';
  /** A one-letter alias (`-n`). */
  short?: string;
  help: string;
  /** The value's name in the help (`--steps <n>`). */
  value?: string;
  /** May be given more than once (`--rate a=5 --rate b=2`); read it with {@link listFlag}. */
  multiple?: boolean;
}

/** Flags as parsed: strings (and booleans for switches, lists for `multiple` flags), by name. */
export type RawFlags = Record<string, string | boolean | string[] | undefined>;

/** A usage mistake: the program prints the message and the command's help, and exits with status 2. @example throw new UsageError('--steps must be a number') */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What a command checks of a number flag. */
export interface NumberCheck {
  integer?: boolean;
  min?: number;
  positive?: boolean;
}

/** A number flag, checked. @example numberFlag({ steps: '100' }, 'steps', 30000, { integer: true, min: 1 }) // 100 */
export function numberFlag(flags: RawFlags, name: string, fallback: number, check: NumberCheck = {}): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got '${raw}'`);
  if (check.integer && !Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number, got ${raw}`);
  if (check.min !== undefined && value < check.min) throw new UsageError(`--${name} must be at least ${check.min}, got ${raw}`);
  if (check.positive && !(value > 0)) throw new UsageError(`--${name} must be positive, got ${raw}`);
  return value;
}

/** A string flag. @example stringFlag({ out: 'runs/a' }, 'out') // 'runs/a' */
export function stringFlag(flags: RawFlags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** A string flag that must be one of `choices`. @example choiceFlag({ model: 'mlp' }, 'model', ['mlp', 'bigram'], 'mlp') // 'mlp' */
export function choiceFlag<T extends string>(flags: RawFlags, name: string, choices: readonly T[], fallback: T): T {
  const v = stringFlag(flags, name) ?? fallback;
  if (!choices.includes(v as T)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got '${v}'`);
  return v as T;
}

/**
 * A flag that may be given more than once, as a list in command-line order (empty when absent).
 * @example listFlag({ rate: ['Heat (1995)=5', 'Up (2009)=4'] }, 'rate') // ['Heat (1995)=5', 'Up (2009)=4']
 */
export function listFlag(flags: RawFlags, name: string): string[] {
  const v = flags[name];
  return Array.isArray(v) ? [...v] : typeof v === 'string' ? [v] : [];
}
