// Mistake: computes the Euclidean distance between the vectors.
export function cosineSimilarity(a: number[], b: number[]): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(total);
}
