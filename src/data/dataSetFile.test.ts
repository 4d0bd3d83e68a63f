import { describe, expect, it } from 'vitest';
import { EXAMPLE_PIXELS, flattenDataSet, type DataSet } from '../core/dataSet';
import { mulberry32 } from '../core/random';
import { EXAMPLE_BASE64_LENGTH, MAX_DATA_SET_FILE_CHARS, readDataSetFile, writeDataSetFile } from './dataSetFile';

/** An example of seeded random bytes, 0 and 255 included. */
function randomExample(rng: () => number): Uint8Array {
  const bytes = Uint8Array.from({ length: EXAMPLE_PIXELS }, () => Math.floor(rng() * 256));
  bytes[0] = 0;
  bytes[1] = 255;
  return bytes;
}

function sampleSet(): DataSet {
  const rng = mulberry32(11);
  return {
    classes: [
      { name: 'circle', examples: [randomExample(rng), randomExample(rng), randomExample(rng)] },
      { name: 'Kreuz ✕ 十', examples: [randomExample(rng)] },
      { name: 'nothing yet', examples: [] },
    ],
  };
}

/** A good file as a plain object, to break one piece at a time. */
function goodDocument(): Record<string, unknown> {
  return JSON.parse(writeDataSetFile(sampleSet())) as Record<string, unknown>;
}

/** The good document with class `index` replaced by `patch` merged into it. */
function withClass(index: number, patch: Record<string, unknown>): string {
  const doc = goodDocument();
  const classes = doc['classes'] as Record<string, unknown>[];
  classes[index] = { ...classes[index], ...patch };
  return JSON.stringify(doc);
}

function reasonOf(text: string): string {
  const result = readDataSetFile(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.reason;
}

const base64Of = (length: number): string => btoa(String.fromCharCode(...new Uint8Array(length).fill(7)));

describe('writeDataSetFile and readDataSetFile', () => {
  it('round-trips a set: names, class order and every byte', () => {
    const set = sampleSet();
    expect(readDataSetFile(writeDataSetFile(set))).toEqual({ ok: true, set });
  });

  it('writes the documented format: one JSON object, examples as base64 of 784 bytes', () => {
    const doc = goodDocument();
    expect(doc['format']).toBe('convscope-dataset');
    expect(doc['version']).toBe(1);
    const first = (doc['classes'] as { name: string; examples: string[] }[])[0]!;
    expect(first.name).toBe('circle');
    expect(first.examples[0]).toHaveLength(EXAMPLE_BASE64_LENGTH);
    const bytes = Uint8Array.from(atob(first.examples[0]!), (c) => c.charCodeAt(0));
    expect(bytes).toEqual(sampleSet().classes[0]!.examples[0]);
  });

  it('holds a set at the limits (10 × 1,000 examples) in about 10.5 MB, well under the cap, and reads it back', () => {
    const rng = mulberry32(5);
    const one = randomExample(rng);
    const set: DataSet = {
      classes: Array.from({ length: 10 }, (_, c) => ({
        name: `class ${c}`,
        examples: Array.from({ length: 1000 }, (_, e) => (e === 999 ? randomExample(rng) : one)),
      })),
    };
    const text = writeDataSetFile(set);
    expect(text.length).toBeGreaterThan(10_400_000);
    expect(text.length).toBeLessThan(10_800_000);
    expect(text.length).toBeLessThan(MAX_DATA_SET_FILE_CHARS);
    const read = readDataSetFile(text);
    if (!read.ok) throw new Error(read.reason);
    // Compared as one block of bytes: toEqual on 10,000 typed arrays takes tens of seconds.
    expect(read.set.classes.map((c) => [c.name, c.examples.length])).toEqual(set.classes.map((c) => [c.name, 1000]));
    const bytesOf = (s: DataSet): Buffer => Buffer.from(flattenDataSet(s).images);
    expect(bytesOf(read.set).equals(bytesOf(set))).toBe(true);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(readDataSetFile(`\uFEFF${writeDataSetFile(sampleSet())}`).ok).toBe(true);
  });

  it('refuses to write a set the reader would refuse', () => {
    const set = sampleSet();
    expect(() => writeDataSetFile({ classes: set.classes.slice(0, 1) })).toThrow(/2 to 10 classes/);
    set.classes[1]!.examples.push(new Uint8Array(10));
    expect(() => writeDataSetFile(set)).toThrow(/not 784 bytes/);
  });
});

describe('readDataSetFile refuses bad and hostile files, saying what is wrong and what to do', () => {
  const cases: [string, () => string, RegExp][] = [
    ['text over the size cap, before parsing it', () => ' '.repeat(MAX_DATA_SET_FILE_CHARS + 1), /20 MB/],
    ['text that is not JSON', () => '{"format": "convscope-dataset",', /not JSON/],
    ['an empty file', () => '', /not JSON/],
    ['JSON that is an array', () => '[1, 2]', /no JSON object/],
    ['JSON null', () => 'null', /no JSON object/],
    ['another format', () => JSON.stringify({ ...goodDocument(), format: 'mnist' }), /"format" is "mnist"/],
    ['no format', () => JSON.stringify({ ...goodDocument(), format: undefined }), /"format" is missing/],
    ['a ConvScope model file', () => JSON.stringify({ format: 'layers-model' }), /model file, not a data set/],
    ['a newer version', () => JSON.stringify({ ...goodDocument(), version: 2 }), /newer ConvScope.*Reload/],
    ['a version as text', () => JSON.stringify({ ...goodDocument(), version: '1' }), /version "1"/],
    ['classes not a list', () => JSON.stringify({ ...goodDocument(), classes: { a: 1 } }), /no list of classes/],
    ['one class', () => JSON.stringify({ ...goodDocument(), classes: [{ name: 'a', examples: [] }] }), /has 1 class;/],
    [
      'eleven classes',
      () =>
        JSON.stringify({
          ...goodDocument(),
          classes: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, examples: [] })),
        }),
      /has 11 classes; a data set has 2 to 10/,
    ],
    [
      'a million classes',
      () => `{"format":"convscope-dataset","version":1,"classes":[${new Array(1_000_000).fill('0').join(',')}]}`,
      /has 1,000,000 classes/,
    ],
    [
      'a class that is not an object',
      () => JSON.stringify({ ...goodDocument(), classes: ['cat', 'dog'] }),
      /Class 1 .* is "cat"/,
    ],
    ['a class with no name', () => withClass(1, { name: undefined }), /Class 2 has no name/],
    ['a name that is a number', () => withClass(0, { name: 7 }), /Class 1 has no name \("name" is 7\)/],
    ['a blank name', () => withClass(1, { name: '  ' }), /Class 2: A class needs a name/],
    ['a name too long', () => withClass(1, { name: 'n'.repeat(41) }), /Class 2: .* 41 characters long/],
    ['a name with a control character', () => withClass(0, { name: 'a\u0000b' }), /Class 1: .*U\+0000/],
    ['a duplicate name', () => withClass(2, { name: 'CIRCLE' }), /Class 3: Two classes are named "CIRCLE"/],
    ['examples not a list', () => withClass(0, { examples: 'AAAA' }), /Class 1 \("circle"\) has no list of examples/],
    [
      'too many examples',
      () => withClass(2, { examples: new Array(1001).fill(base64Of(EXAMPLE_PIXELS)) }),
      /"nothing yet"\) has 1,001 examples; a class holds at most 1,000/,
    ],
    [
      'an example that is a number',
      () => withClass(0, { examples: [12] }),
      /example 1: expected base64 text .* found 12/,
    ],
    ['an example that is a list of pixels', () => withClass(0, { examples: [[0, 1, 2]] }), /expected base64 text/],
    [
      'an example that is not base64',
      () => withClass(1, { examples: ['!'.repeat(EXAMPLE_BASE64_LENGTH)] }),
      /not valid base64/,
    ],
    ['an example of broken padding', () => withClass(1, { examples: ['A==='] }), /not valid base64/],
    [
      'an example cut short',
      () => withClass(1, { examples: [base64Of(EXAMPLE_PIXELS).slice(0, 1001)] }),
      /not valid base64/,
    ],
    ['an example of 783 bytes', () => withClass(0, { examples: [base64Of(EXAMPLE_PIXELS - 1)] }), /783 bytes, not 784/],
    ['an example of 785 bytes', () => withClass(0, { examples: [base64Of(EXAMPLE_PIXELS + 1)] }), /785 bytes, not 784/],
    ['an empty example', () => withClass(0, { examples: [''] }), /0 bytes, not 784/],
    [
      'a __proto__ key in the file',
      () => `{"__proto__": {"polluted": true}, ${writeDataSetFile(sampleSet()).slice(1)}`,
      /"__proto__"/,
    ],
    [
      'a __proto__ key in a class',
      () =>
        writeDataSetFile(sampleSet()).replace('"name": "circle"', '"__proto__": {"polluted": true}, "name": "circle"'),
      /Class 1 holds a field named "__proto__"/,
    ],
    [
      'a constructor key in a class',
      () => withClass(1, { constructor: { prototype: {} } }),
      /Class 2 holds a field named "constructor"/,
    ],
  ];

  it.each(cases)('%s', (_name, makeText, expected) => {
    const reason = reasonOf(makeText());
    expect(reason).toMatch(expected);
    expect(reason).toMatch(/(Choose|Reload|Remove|give each class|shorten it|type at least|use plain text)/);
  });

  it('leaves Object.prototype untouched by a hostile file', () => {
    reasonOf(`{"__proto__": {"polluted": true}, ${writeDataSetFile(sampleSet()).slice(1)}`);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a value that is not text', () => {
    expect(readDataSetFile(42 as unknown as string).ok).toBe(false);
  });
});
