// λ from the statement; the checker fills in each seed's value.
const LAMBDA = /*{{lambda}}*/ 0.1;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function logisticRegressionStep(X: number[][], y: number[], w: number[], b: number, learningRate: number): { w: number[]; b: number } {
  const m = X.length;
  const dw = w.map((wi) => LAMBDA * wi);
  let db = 0;
  X.forEach((x, j) => {
    const z = x.reduce((sum, xi, i) => sum + w[i]! * xi, b);
    const error = sigmoid(z) - y[j]!;
    x.forEach((xi, i) => (dw[i]! += (error * xi) / m));
    db += error / m;
  });
  return { w: w.map((wi, i) => wi - learningRate * dw[i]!), b: b - learningRate * db };
}
