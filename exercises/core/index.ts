// The numerical core: pure functions that reference solutions and the app share.
export * from "./assert.ts";
export * from "./vector.ts";
export * from "./matrix.ts";
export * from "./activations.ts";
export * from "./dense.ts";
export * from "./losses.ts";
export * from "./backprop.ts";
export * from "./optimize.ts";
export * from "./distance.ts";
export * from "./kmeans.ts";
export * from "./convolution.ts";
export * from "./mlp.ts";
export * from "./logistic.ts";
