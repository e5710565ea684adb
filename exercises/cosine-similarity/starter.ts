export function cosineSimilarity(a: number[], b: number[]): number {
  // TODO: a·b / (‖a‖‖b‖), and 0 when a or b is all zeros.
  return 0;
}
