import { startExam } from "../../../../_server/exams.ts";
import { route } from "../../../../_server/route.ts";

/** Students: starts the clock of a timed exam-practice set. */
export const POST = route<{ setId: string }>(async ({ params, viewer }) => ({ exam: await startExam(viewer, params.setId) }));
