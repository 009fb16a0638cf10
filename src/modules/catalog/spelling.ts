/**
 * Spelling correction for procedure search. Names in the catalog use a small vocabulary (about 1,500
 * unaccented syllables for the whole national list), so a query word that is not in it is almost
 * always a typo of one that is: "snh" → "sinh", "khia" → "khai". Pure: the vocabulary is given.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment), stopping early once it
 * exceeds `max` (then returns max + 1).
 *
 * @example editDistance('khia', 'khai', 2) // 1
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Words of a search key that can be corrected (letters and digits only). */
export const searchWords = (key: string): string[] => key.split(/[^a-z0-9]+/).filter((w) => w !== '');

const maxEdits = (word: string) => (word.length <= 3 ? 1 : word.length <= 6 ? 1 : 2);

/**
 * Known words closest to `word`, best first: fewest edits, then most used in the catalog.
 *
 * @example suggestWords('snh', new Map([['sinh', 40], ['anh', 3], ['khai', 9]])) // ['sinh', 'anh']
 */
export function suggestWords(word: string, vocabulary: ReadonlyMap<string, number>, limit = 3): string[] {
  const max = maxEdits(word);
  const found: { w: string; d: number; uses: number }[] = [];
  for (const [w, uses] of vocabulary) {
    const d = editDistance(word, w, max);
    if (d <= max) found.push({ w, d, uses });
  }
  return found
    .sort((x, y) => x.d - y.d || y.uses - x.uses || (x.w < y.w ? -1 : 1))
    .slice(0, limit)
    .map((f) => f.w);
}

/**
 * Corrected versions of a search key, most likely first (at most `limit`): every unknown word
 * replaced by its best suggestion, then the runner-up suggestions of each unknown word in turn.
 * [] when every word is known or nothing close exists.
 *
 * @example correctKey('dang ky khai snh', vocab) // ['dang ky khai sinh', 'dang ky khai anh']
 */
export function correctKey(key: string, vocabulary: ReadonlyMap<string, number>, limit = 3): string[] {
  const words = key.split(' ');
  const options = words.map((w) => {
    const bare = searchWords(w);
    if (bare.length !== 1 || bare[0] !== w || vocabulary.has(w) || /^\d+$/.test(w)) return [w];
    const s = suggestWords(w, vocabulary);
    return s.length ? s : [w];
  });
  if (options.every((o, i) => o.length === 1 && o[0] === words[i])) return [];
  const best = options.map((o) => o[0]!);
  const out = [best.join(' ')];
  options.forEach((o, i) => {
    for (const alt of o.slice(1)) out.push(best.map((w, j) => (j === i ? alt : w)).join(' '));
  });
  return [...new Set(out)].filter((k) => k !== key).slice(0, limit);
}
