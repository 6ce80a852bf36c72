import { describe, expect, it } from 'vitest';
import { listFlag, numberFlag, UsageError, type RawFlags } from './flags.js';
import { collectingIO } from './io.js';
import { helpText, runProgram, type Program } from './program.js';

const seen: unknown[] = [];
const program: Program = {
  name: 'demo',
  description: 'a program for the tests',
  commands: {
    count: {
      summary: 'counts to n',
      flags: { n: { type: 'string', short: 'n', value: 'n', help: 'how far (default 3)' }, loud: { type: 'boolean', help: 'shout' } },
      async run(flags, io) {
        const n = numberFlag(flags, 'n', 3, { integer: true, min: 1 });
        seen.push(flags);
        for (let i = 1; i <= n; i++) io.log(flags.loud ? `${i}!` : String(i));
      },
    },
    fail: { summary: 'fails', flags: {}, async run() { throw new Error('it broke'); } },
  },
  examples: ['demo count -n 5'],
};

describe('a program of commands', () => {
  it('runs a command with its flags and exits 0', async () => {
    const io = collectingIO();
    expect(await runProgram(program, ['count', '-n', '2', '--loud'], io)).toBe(0);
    expect(io.out()).toBe('1!\n2!\n');
  });

  it('answers a usage mistake with the message and the help, exit 2; an error with its message, exit 1', async () => {
    const bad = collectingIO();
    expect(await runProgram(program, ['count', '-n', 'x'], bad)).toBe(2);
    expect(bad.out()).toBe(`demo count: --n must be a number, got 'x'\n\n${helpText(program, 'count')}\n`);
    const unknown = collectingIO();
    expect(await runProgram(program, ['count', '--louder'], unknown)).toBe(2);
    expect(unknown.out()).toContain("demo count: Unknown option '--louder'");
    const failed = collectingIO();
    expect(await runProgram(program, ['fail'], failed)).toBe(1);
    expect(failed.err()).toBe('demo fail: it broke\n');
    expect(await runProgram(program, ['nope'], collectingIO())).toBe(2);
    expect(new UsageError('x').name).toBe('UsageError');
  });

  it('writes the help from the declarations', () => {
    expect(helpText(program)).toBe(
      'demo: a program for the tests\n\nusage: demo <command> [flags]\n\n  count  counts to n\n  fail   fails\n\ndemo <command> --help lists its flags. Example:\n  demo count -n 5',
    );
    expect(helpText(program, 'count')).toContain('  -n, --n <n>                    how far (default 3)');
  });

  it('reads arguments without flags by name, and repeated flags as lists', async () => {
    const got: RawFlags[] = [];
    const withArgs: Program = {
      name: 'rec',
      description: 'positionals and lists',
      commands: {
        similar: {
          summary: 'movies like one',
          positionals: [{ name: 'title', help: 'a movie title', required: true }],
          flags: { rate: { type: 'string', value: 'title=stars', help: 'a rating', multiple: true }, n: { type: 'string', short: 'n', help: 'how many' } },
          async run(flags) {
            got.push(flags);
          },
        },
      },
      examples: [],
    };
    expect(await runProgram(withArgs, ['similar', 'Toy Story (1995)', '--rate', 'Heat (1995)=5', '-n', '3', '--rate', 'Up=4'], collectingIO())).toBe(0);
    expect(got[0].title).toBe('Toy Story (1995)');
    expect(listFlag(got[0], 'rate')).toEqual(['Heat (1995)=5', 'Up=4']);
    expect(listFlag(got[0], 'missing')).toEqual([]);
    const missing = collectingIO();
    expect(await runProgram(withArgs, ['similar'], missing)).toBe(2);
    expect(missing.out()).toContain('rec similar: missing <title>: a movie title');
    expect(missing.out()).toContain('usage: rec similar <title> [flags]');
    expect(missing.out()).toContain('a rating (may be repeated)');
    const extra = collectingIO();
    expect(await runProgram(withArgs, ['similar', 'a', 'b'], extra)).toBe(2);
    expect(extra.out()).toContain("rec similar: unexpected argument 'b'");
    expect(await runProgram(withArgs, ['similar', '--help'], collectingIO())).toBe(0);
  });
});
