/**
 * Adds pictures to a graded result's visible tests. Hidden tests never get one: their inputs,
 * outputs and expected values stay out of every picture.
 */
import type { Exercise, Variant } from "../../../exercises/spec/define.ts";
import type { Decoded } from "../../../exercises/spec/values.ts";
import type { CallOutcome, JobOutcome, SandboxJob } from "../../sandbox/protocol.ts";
import type { PreparedCase } from "../cases.ts";
import type { TestResult } from "../result.ts";
import { decodeWire } from "../wire.ts";
import { buildPicture } from "./build.ts";
import { probeArgs } from "./probes.ts";
import type { Picture } from "./schema.ts";

export interface PictureRequest {
  readonly exercise: Exercise;
  readonly variant: Variant;
  readonly cases: readonly PreparedCase[];
  readonly calls: readonly CallOutcome[];
  /** The graded job, reused for the probe job (its source, language, entry and limits). */
  readonly job: SandboxJob;
  readonly run: (job: SandboxJob) => Promise<JobOutcome>;
}

type Drawable = Omit<TestResult, "passed"> & { readonly picture?: Picture };

/** The tests with a picture on each visible test that returned a value; the tests unchanged when the exercise names no picture. */
export async function attachPictures<T extends Drawable>(tests: readonly T[], request: PictureRequest): Promise<T[]> {
  const name = request.exercise.picture;
  if (!name) return [...tests];
  const returned = (i: number) => {
    const call = request.calls[i];
    return request.cases[i]?.visibility === "visible" && call?.status === "returned" ? decodeWire(call.value) : undefined;
  };
  // Inner values are measured only where the output is wrong: that is where they explain something.
  const probed = tests.flatMap((test, i) => (returned(i) !== undefined && test.status === "failed" ? [i] : []));
  const plan = probed.map((i) => ({ test: i, args: probeArgs(name, request.cases[i]!.args) })).filter((p) => p.args.length > 0);
  const probeOutputs = await runProbes(request, plan);
  return tests.map((test, i) => {
    const got = returned(i);
    if (got === undefined) return test;
    const c = request.cases[i]!;
    try {
      const picture = buildPicture(name, {
        args: c.args,
        expected: c.expected,
        got,
        output: request.exercise.output,
        variant: request.variant,
        probes: probeOutputs.get(i) ?? null,
      });
      return { ...test, picture };
    } catch {
      // A picture explains; it never decides. A builder that trips over odd output leaves the test as graded.
      return test;
    }
  });
}

async function runProbes(request: PictureRequest, plan: readonly { test: number; args: unknown[][] }[]): Promise<Map<number, (Decoded | null)[]>> {
  const outputs = new Map<number, (Decoded | null)[]>();
  if (plan.length === 0) return outputs;
  const calls = plan.flatMap((p) => p.args.map((args) => ({ argsJson: JSON.stringify(args), randomSeed: request.cases[p.test]!.randomSeed })));
  let outcome: JobOutcome;
  try {
    outcome = await request.run({ ...request.job, calls });
  } catch {
    return outputs;
  }
  if (outcome.kind !== "ran") return outputs;
  let next = 0;
  for (const p of plan) {
    outputs.set(
      p.test,
      p.args.map(() => {
        const call = outcome.calls[next++];
        return call?.status === "returned" ? decodeWire(call.value) : null;
      }),
    );
  }
  return outputs;
}
