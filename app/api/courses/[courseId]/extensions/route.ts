import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { GrantExtensionsSchema, RevokeExtensionSchema, courseExtensions, grantExtension, grantExtensionsFromCsv, revokeExtension } from "../../../../_server/extensions/grant.ts";

/** Staff: every extension and accommodation of the course. */
export const GET = route<{ courseId: string }>(async ({ params, viewer }) => courseExtensions(viewer, params.courseId));

/** Instructors: one student's terms on a set, or many from CSV (all or nothing). */
export const POST = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, GrantExtensionsSchema, 1024 * 1024);
  const applied = "csv" in body ? (await grantExtensionsFromCsv(viewer, params.courseId, body.csv)).applied : (await grantExtension(viewer, params.courseId, body), 1);
  return { applied, ...(await courseExtensions(viewer, params.courseId)) };
});

/** Instructors: takes an extension away. */
export const DELETE = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  await revokeExtension(viewer, params.courseId, await readJsonBody(request, RevokeExtensionSchema, 4096));
  return courseExtensions(viewer, params.courseId);
});
