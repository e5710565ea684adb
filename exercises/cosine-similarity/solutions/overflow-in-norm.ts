export function cosineSimilarity(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! ** 2;
    normB += b[i]! ** 2;
  }
  // Mistake: one square root of the product ‖a‖²‖b‖², which overflows (or underflows) first.
  const lengths = Math.sqrt(normA * normB);
  if (lengths === 0) return 0;
  return dot / lengths;
}
