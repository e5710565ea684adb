/**
 * Which picture explains an exercise's outputs. A spec names one in its `picture` field; the
 * grader draws it for visible tests only, from the test's arguments, the student's output and
 * the expected output. Each name fixes the arguments and output it reads, so a new exercise
 * whose entry function has the same shape gets the picture by naming it.
 */
import { z } from "zod";

export const PICTURE_NAMES = [
  /** (points, centroids) → { assignments, centroids }: scatter of the assignment and the centroids' moves. */
  "kmeans-step",
  /** (points, centroids, assignments) → number: scatter of the clusters and the objective. */
  "kmeans-objective",
  /** (x, layers: { W, b, activation }[]) → last layer's activations: the network's units, layer by layer. */
  "network-forward",
  /** (x, encoder, decoder) → { code, reconstruction, loss }: input, code and reconstruction as layers. */
  "autoencoder",
  /** Any object of numbers, vectors and matrices (gradients): heatmaps of student, expected and difference. */
  "gradient-heatmaps",
  /** (image, kernel, poolSize) → pooled matrix: input, kernel, feature map and pooled map. */
  "conv-maxpool",
  /** (z, activation name) → { value, derivative }: the activation and its derivative with the student's points. */
  "activation-curves",
  /** (logits, target) → { loss, gradient }: the loss and its derivative along the target's logit. */
  "softmax-loss-curve",
  /** (X, y, w, b, learningRate) → { w, b } with variant λ: the loss along the descent step. */
  "descent-step-curve",
] as const;

export type PictureName = (typeof PICTURE_NAMES)[number];

export const PictureNameSchema = z.enum(PICTURE_NAMES);
