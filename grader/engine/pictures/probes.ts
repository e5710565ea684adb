/**
 * Some pictures show values the student's function does not return: a network's inner layers,
 * a convolution's feature map before pooling. The student's own function gives them when it is
 * called on part of the same visible input (the first l layers of the network; pool size 1).
 * Probes run in a job of their own, in a fresh isolate, after grading: they cannot change a
 * score, and code that saw hidden inputs during grading cannot reach a picture through them.
 */
import type { PictureName } from "../../../exercises/spec/pictures.ts";

/** The argument lists to call the student's function with for one visible test; [] when none are needed. */
export function probeArgs(name: PictureName, args: readonly unknown[]): unknown[][] {
  switch (name) {
    case "network-forward": {
      const [x, layers] = args as [unknown, unknown[]];
      return layers.slice(0, -1).map((_, l) => [x, layers.slice(0, l + 1)]);
    }
    case "conv-maxpool": {
      const [image, kernel, poolSize] = args as [unknown, unknown, number];
      return poolSize === 1 ? [] : [[image, kernel, 1]];
    }
    default:
      return [];
  }
}
