import { z } from "zod";
import { badRequest } from "../../../_server/errors.ts";
import { route } from "../../../_server/route.ts";
import { readSubmissionWhenGraded } from "../../../_server/submissions.ts";

const WaitSchema = z.coerce.number().int().min(0).max(25_000);

/** A submission and, once graded, its result. `?wait=<ms>` holds the answer until it is graded (long polling). */
export const GET = route<{ id: string }>(async ({ request, params, viewer }) => {
  const wait = WaitSchema.safeParse(new URL(request.url).searchParams.get("wait") ?? "0");
  if (!wait.success) throw badRequest("wait must be a number of milliseconds between 0 and 25000.");
  return { submission: await readSubmissionWhenGraded(viewer, params.id, wait.data) };
});
