import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from './files.js';
import { parseText } from './text.js';

describe('parseText and loadText', () => {
  it('returns the text unchanged, checking the alphabet when one is given', () => {
    expect(parseText('To be,\nor not').text).toBe('To be,\nor not');
    expect(parseText('To be,\nor not', { alphabet: 'Tobe, rnt' }).text).toBe('To be,\nor not');
    expect(() => parseText('To be,\nor not!', { alphabet: 'Tobe, rnt', source: 'play.txt' })).toThrow("play.txt:2:7: character '!' (U+0021) is not in the alphabet");
  });

  it('drops lines with foreign characters only when asked, and counts them', () => {
    const corpus = parseText('ab\nax\nba\n', { alphabet: 'ab', onInvalid: 'skip' });
    expect(corpus.text).toBe('ab\nba\n');
    expect(corpus.dropped).toBe(1);
    expect(corpus.problems[0]).toMatchObject({ line: 2, column: 2 });
  });

  it('reads UTF-8 files and names the line of bytes that are not UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typegrad-text-'));
    const good = join(dir, 'good.txt');
    writeFileSync(good, '\ufeffhéllo\nworld\n');
    expect((await loadText(good)).text).toBe('héllo\nworld\n');
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0x63, 0xff, 0x0a]));
    await expect(loadText(bad)).rejects.toThrow(`${bad}:3: the bytes are not valid UTF-8 text`);
    await expect(loadText(new URL('https://example.com/input.txt'))).rejects.toThrow(/not a local file; typegrad loaders never download/);
  });
});
