import "server-only";
import { z } from "zod";
import { database } from "../db.ts";
import { notFound } from "../errors.ts";
import type { Viewer } from "../viewer.ts";
import { NOTIFICATION_KIND_LABELS, NotificationKindSchema, type NotificationKind } from "./notify.ts";

export interface NotificationView {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly kindLabel: string;
  readonly title: string;
  readonly body: string;
  readonly link: string;
  readonly read: boolean;
  readonly createdAt: string;
}

/** How many of the viewer's notices are unread (the bell's number). */
export async function unreadCount(viewer: Viewer): Promise<number> {
  const db = await database();
  return db.notification.count({ where: { userId: viewer.id, readAt: null } });
}

/** The viewer's newest notices, unread and read alike. */
export async function listNotifications(viewer: Viewer, limit = 100): Promise<NotificationView[]> {
  const db = await database();
  const rows = await db.notification.findMany({ where: { userId: viewer.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map((row) => {
    const kind = NotificationKindSchema.catch("comment").parse(row.kind);
    return {
      id: row.id,
      kind,
      kindLabel: NOTIFICATION_KIND_LABELS[kind],
      title: row.title,
      body: row.body,
      link: row.link,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

export const MarkReadSchema = z.union([z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(500) }), z.strictObject({ all: z.literal(true) })]);

/** Marks some (or all) of the viewer's own notices read; others' ids are ignored. Returns how many changed. */
export async function markRead(viewer: Viewer, input: z.infer<typeof MarkReadSchema>): Promise<number> {
  const db = await database();
  const { count } = await db.notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}

/** Marks one of the viewer's notices read and returns where it points. */
export async function openNotification(viewer: Viewer, id: string): Promise<string> {
  const db = await database();
  const row = await db.notification.findUnique({ where: { id }, select: { userId: true, link: true, readAt: true } });
  if (!row || row.userId !== viewer.id) throw notFound("This notification");
  if (row.readAt === null) await db.notification.update({ where: { id }, data: { readAt: new Date() } });
  return row.link;
}
