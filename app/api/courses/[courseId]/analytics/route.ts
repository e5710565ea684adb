import { LanguageSchema } from "../../../../../exercises/spec/languages.ts";
import { badRequest } from "../../../../_server/errors.ts";
import { route } from "../../../../_server/route.ts";
import { courseAnalytics } from "../../../../_server/staff/analytics.ts";

export const GET = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const query = new URL(request.url).searchParams;
  const itemId = query.get("itemId") ?? undefined;
  const languageParam = query.get("language");
  const language = languageParam === null ? undefined : LanguageSchema.safeParse(languageParam);
  if (language && !language.success) throw badRequest(`Unknown language "${languageParam}".`);
  return { items: await courseAnalytics(viewer, params.courseId, itemId, language?.data) };
});
