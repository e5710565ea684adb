import "server-only";
import { z } from "zod";
import { loadItem } from "./access.ts";
import { database } from "./db.ts";
import { forbidden } from "./errors.ts";
import { examState } from "./exams.ts";
import { studentSet } from "./extensions/terms.ts";
import { isStaff } from "./roles.ts";
import { LanguageSchema } from "./submissions.ts";
import type { Viewer } from "./viewer.ts";
import { DEFAULT_LANGUAGE, type Language } from "../../exercises/spec/languages.ts";
import { CODE_REQUEST_BYTES } from "../../exercises/spec/limits.ts";

export const SaveDraftSchema = z.strictObject({
  code: z.string().max(CODE_REQUEST_BYTES),
  language: LanguageSchema.default(DEFAULT_LANGUAGE),
});
export const DRAFT_BODY_LIMIT = CODE_REQUEST_BYTES;

export interface DraftView {
  readonly code: string;
  readonly language: Language;
  readonly updatedAt: string;
}

/**
 * Stores the viewer's draft in its language: each language keeps its own draft of an item, so
 * switching language in the editor never overwrites the code written in another. On a timed exam a student's draft follows the clock exactly as Run
 * and Submit do (the same examState, the same 403): none before Start, none once the time is up,
 * and the draft saved before then stays as it was. A due date alone stops nothing here: past it
 * a set that refuses late work still lets students Run, so they may keep their draft too.
 */
export async function saveDraft(viewer: Viewer, itemId: string, input: z.infer<typeof SaveDraftSchema>, now = new Date()): Promise<DraftView> {
  const db = await database();
  const { set, role } = await loadItem(db, viewer, itemId);
  if (!isStaff(role)) {
    const exam = await examState(db, viewer, await studentSet(db, viewer.id, set), now);
    if (exam.kind === "not_started") throw forbidden("Start the exam from the problem set's page first; drafts are saved once the clock runs.");
    if (exam.kind === "finished") {
      throw forbidden(`Your exam time ended at ${clockTime(new Date(exam.endsAt), now)}; drafts can no longer be saved. Your last saved draft is kept.`);
    }
  }
  const draft = await db.draft.upsert({
    where: { userId_itemId_language: { userId: viewer.id, itemId, language: input.language } },
    create: { userId: viewer.id, itemId, code: input.code, language: input.language },
    update: { code: input.code },
  });
  return draftView(draft);
}

/** Only ever the viewer's own draft: the most recently saved one, whatever its language. */
export async function readDraft(viewer: Viewer, itemId: string): Promise<DraftView | null> {
  return (await readDrafts(viewer, itemId))[0] ?? null;
}

/** The viewer's drafts of an item, one per language they wrote in, most recently saved first. */
export async function readDrafts(viewer: Viewer, itemId: string): Promise<DraftView[]> {
  const db = await database();
  await loadItem(db, viewer, itemId);
  const drafts = await db.draft.findMany({ where: { userId: viewer.id, itemId }, orderBy: { updatedAt: "desc" } });
  // A language no longer offered is left out rather than shown as another language's draft.
  return drafts.filter((draft) => LanguageSchema.safeParse(draft.language).success).map(draftView);
}

function draftView(draft: { code: string; language: string; updatedAt: Date }): DraftView {
  return { code: draft.code, language: LanguageSchema.parse(draft.language), updatedAt: draft.updatedAt.toISOString() };
}

/** "10:45 UTC", with the date when it was another day: the server knows no student's time zone. */
function clockTime(at: Date, now: Date): string {
  const time = `${at.toISOString().slice(11, 16)} UTC`;
  if (at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10)) return time;
  return `${time} on ${at.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })}`;
}
