import { describe, expect, it } from 'vitest';
import { parseLabelledTable } from './table.js';

describe('parseLabelledTable', () => {
  it('reads the named columns of a CSV, quoted commas included; classes are the labels in code-point order', () => {
    const data = parseLabelledTable('id,review,stars\n1,"Great, really",pos\n2,Awful,neg\n3,Fine,meh\n', { format: 'csv', textCol: 'review', labelCol: 'stars', source: 'r.csv' });
    expect(data).toEqual({
      name: 'r.csv',
      classes: ['meh', 'neg', 'pos'],
      examples: [
        { text: 'Great, really', label: 2 },
        { text: 'Awful', label: 1 },
        { text: 'Fine', label: 0 },
      ],
    });
  });

  it('reads TSV with a source column', () => {
    const data = parseLabelledTable('text\tlabel\tsite\nGood "x"\t1\ta\nBad\t0\tb\n', { format: 'tsv', sourceCol: 'site' });
    expect(data.examples).toEqual([
      { text: 'Good "x"', label: 1, source: 'a' },
      { text: 'Bad', label: 0, source: 'b' },
    ]);
  });

  it('names the file, line and column of what is wrong', () => {
    expect(() => parseLabelledTable('text,label\nGood,pos\nBad\n', { format: 'csv', source: 'r.csv' })).toThrow('r.csv:3: expected 2 fields (text, label), got 1');
    expect(() => parseLabelledTable('text,label\nGood,pos\n"Bad,neg\n', { format: 'csv', source: 'r.csv' })).toThrow(/^r\.csv:3:1: /);
    expect(() => parseLabelledTable('review,label\nGood,pos\n', { format: 'csv', source: 'r.csv' })).toThrow("r.csv:1: missing column 'text' (the header has: review, label)");
    expect(() => parseLabelledTable('text,label\nGood,pos\nBad,\n', { format: 'csv', source: 'r.csv' })).toThrow("r.csv:3:2: row 2: column 'label' is empty");
    expect(() => parseLabelledTable('text,label\nGood,pos\nBad,pos\n', { format: 'csv', source: 'r.csv' })).toThrow("r.csv: column 'label' holds one label only ('pos')");
  });
});
