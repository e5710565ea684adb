import { route } from "../../../../_server/route.ts";
import { BankQuerySchema, exerciseBank } from "../../../../_server/staff/bank.ts";

export const GET = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const query = BankQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return exerciseBank(viewer, params.courseId, query);
});
