/**
 * A program of commands (`makemore train …`, `sentiment predict …`) as data: the help text, the parser and the
 * dispatch with its exit statuses come from one declaration. Node only (flags are parsed with node:util).
 */
import { parseArgs } from 'node:util';
import { UsageError, type FlagSpec, type RawFlags } from './flags.js';
import type { CliIO } from './io.js';

/** An argument of a command given without a flag (`recommender similar "Toy Story (1995)"`). */
export interface PositionalSpec {
  /** Its name: in the help (`<title>`) and as the key of its value among the parsed flags. */
  name: string;
  help: string;
  /** Whether the command needs it (a usage error when absent). Default false. */
  required?: boolean;
}

/** One command: what it does, its flags (and arguments without flags, in order), and the code that runs it. */
export interface CommandSpec {
  summary: string;
  flags: Record<string, FlagSpec>;
  positionals?: PositionalSpec[];
  run(flags: RawFlags, io: CliIO): Promise<void>;
}

/** A program: its name, a line about it, its commands and a few example command lines for the help. */
export interface Program {
  name: string;
  description: string;
  commands: Record<string, CommandSpec>;
  examples: string[];
}

/** The help text of the program, or of one of its commands. @example helpText(program, 'sample') */
export function helpText(program: Program, command?: string): string {
  const spec = command === undefined ? undefined : program.commands[command];
  if (!spec) {
    const width = Math.max(...Object.keys(program.commands).map((n) => n.length));
    return [
      `${program.name}: ${program.description}`,
      '',
      `usage: ${program.name} <command> [flags]`,
      '',
      ...Object.entries(program.commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
      '',
      `${program.name} <command> --help lists its flags. Example:`,
      ...program.examples.map((e) => `  ${e}`),
    ].join('\n');
  }
  const positionals = spec.positionals ?? [];
  const args = positionals.map((p) => (p.required ? ` <${p.name}>` : ` [${p.name}]`)).join('');
  const rows = [
    ...positionals.map((p) => `  ${`<${p.name}>`.padEnd(30)} ${p.help}`),
    ...Object.entries(spec.flags).map(([name, f]) => {
      const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.value ? ` <${f.value}>` : ''}`;
      return `  ${left.padEnd(30)} ${f.help}${f.multiple ? ' (may be repeated)' : ''}`;
    }),
  ];
  return [`usage: ${program.name} ${command}${args} [flags]`, '', spec.summary, '', ...rows].join('\n');
}

/**
 * Parses a command's flags and its arguments without flags (under their names); unknown flags, stray arguments and
 * missing required arguments are usage errors.
 * @example parseFlags(program, 'sample', ['-n', '5'])
 */
export function parseFlags(program: Program, command: string, args: string[]): RawFlags {
  const { flags, positionals: declared = [] } = program.commands[command];
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, f]) => [name, { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (positionals.length > declared.length) throw new UsageError(`unexpected argument '${positionals[declared.length]}'`);
    const parsed = values as RawFlags;
    if (parsed.help) return parsed;
    declared.forEach((p, k) => {
      if (k < positionals.length) parsed[p.name] = positionals[k];
      else if (p.required) throw new UsageError(`missing <${p.name}>: ${p.help}`);
    });
    return parsed;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/**
 * Runs one command line and returns the exit status: 0 on success, 1 on an error (its message on standard error),
 * 2 on a usage mistake (the message and the command's help).
 * @example process.exitCode = await runProgram(program, process.argv.slice(2), processIO());
 */
export async function runProgram(program: Program, argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.log(helpText(program, rest[0]));
    return command === undefined ? 2 : 0;
  }
  if (!program.commands[command]) {
    io.log(`${program.name}: unknown command '${command}'\n\n${helpText(program)}`);
    return 2;
  }
  try {
    const flags = parseFlags(program, command, rest);
    if (flags.help) {
      io.log(helpText(program, command));
      return 0;
    }
    await program.commands[command].run(flags, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.log(`${program.name} ${command}: ${e.message}\n\n${helpText(program, command)}`);
      return 2;
    }
    io.error(`${program.name} ${command}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
