import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctKey, editDistance, searchWords, suggestWords } from './spelling.js';

const vocabulary = new Map([
  ['dang', 120],
  ['ky', 118],
  ['khai', 40],
  ['sinh', 35],
  ['tu', 30],
  ['anh', 2],
  ['ket', 20],
  ['hon', 20],
  ['chung', 15],
  ['thuc', 50],
]);

describe('edit distance', () => {
  it.each([
    ['sinh', 'sinh', 0],
    ['snh', 'sinh', 1],
    ['khia', 'khai', 1],
    ['kaih', 'khai', 2],
    ['chugn', 'chung', 1],
    ['abc', 'xyz', 3],
  ])('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b, 5)).toBe(d);
  });

  it('stops early past the maximum and is symmetric', () => {
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b, 20)).toBe(editDistance(b, a, 20));
        expect(editDistance(a, a, 0)).toBe(0);
      }),
    );
  });
});

describe('suggestions', () => {
  it('prefers fewer edits, then the more used word', () => {
    expect(suggestWords('snh', vocabulary)).toEqual(['sinh', 'anh']);
    expect(suggestWords('khia', vocabulary)).toEqual(['khai']);
    expect(suggestWords('xyzzy', vocabulary)).toEqual([]);
  });

  it('corrects the unknown words of a query, keeping the known ones', () => {
    expect(correctKey('dang ky khai snh', vocabulary)).toEqual(['dang ky khai sinh', 'dang ky khai anh']);
    expect(correctKey('dang ky ket hno', vocabulary)[0]).toBe('dang ky ket hon');
    expect(correctKey('dang ky khai sinh', vocabulary)).toEqual([]);
    expect(correctKey('qqqqqq', vocabulary)).toEqual([]);
  });

  it('splits keys into words', () => {
    expect(searchWords('cap lai (lan 2)')).toEqual(['cap', 'lai', 'lan', '2']);
  });
});

describe('partial matches', () => {
  it('leave out up to a third of the words, at least one, from the first six', async () => {
    const { partialCombinations } = await import('./catalog.repository.js');
    expect(partialCombinations(['a', 'b', 'c'])).toEqual([['a', 'b'], ['a', 'c'], ['b', 'c']]);
    expect(partialCombinations(['a', 'b'])).toEqual([['a'], ['b']]);
    const six = partialCombinations(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(six).toHaveLength(15);
    expect(six.every((c) => c.length === 4 && !c.includes('g'))).toBe(true);
  });
});
