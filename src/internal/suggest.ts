/** Close matches for a misspelt name, for "did you mean" in any family's not-found errors. */

/**
 * Up to `limit` of `candidates` close to `word`, closest first: a small edit distance (case-insensitive), or the same
 * tail after the first dot (`dataset.mange` → `dataset.manage`).
 */
export function closeMatches(word: string, candidates: readonly string[], limit = 3): string[] {
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(word.toLowerCase(), candidate.toLowerCase()) }))
    .filter(
      ({ candidate, distance }) => distance <= Math.max(2, Math.floor(word.length / 4)) || sameLeaf(word, candidate),
    )
    .sort((a, b) => a.distance - b.distance);
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

function sameLeaf(a: string, b: string): boolean {
  const leaf = (s: string) => s.split('.').slice(1).join('.');
  return leaf(a) !== '' && leaf(a) === leaf(b);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
