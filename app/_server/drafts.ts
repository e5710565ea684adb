import "server-only";
import { z } from "zod";
import { loadItem } from "./access.ts";
import { database } from "./db.ts";
import { LanguageSchema } from "./submissions.ts";
import type { Viewer } from "./viewer.ts";

export const SaveDraftSchema = z.strictObject({
  code: z.string().max(256 * 1024),
  language: LanguageSchema.default("typescript"),
});
export const DRAFT_BODY_LIMIT = 1024 * 1024;

export interface DraftView {
  readonly code: string;
  readonly language: "typescript" | "javascript";
  readonly updatedAt: string;
}

export async function saveDraft(viewer: Viewer, itemId: string, input: z.infer<typeof SaveDraftSchema>): Promise<DraftView> {
  const db = await database();
  await loadItem(db, viewer, itemId);
  const draft = await db.draft.upsert({
    where: { userId_itemId: { userId: viewer.id, itemId } },
    create: { userId: viewer.id, itemId, code: input.code, language: input.language },
    update: { code: input.code, language: input.language },
  });
  return { code: draft.code, language: LanguageSchema.parse(draft.language), updatedAt: draft.updatedAt.toISOString() };
}

/** Only ever the viewer's own draft. */
export async function readDraft(viewer: Viewer, itemId: string): Promise<DraftView | null> {
  const db = await database();
  await loadItem(db, viewer, itemId);
  const draft = await db.draft.findUnique({ where: { userId_itemId: { userId: viewer.id, itemId } } });
  return draft ? { code: draft.code, language: LanguageSchema.parse(draft.language), updatedAt: draft.updatedAt.toISOString() } : null;
}
