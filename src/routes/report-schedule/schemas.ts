import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/** When and to whom a scheduled report goes, as Domo answers it (PM): kept whole, sent back whole. */
export const ReportScheduleTimingSchema = z.looseObject({
  frequency: z.string().nullable().optional(),
  daysToRun: z.string().nullable().optional(),
  hourOfDay: z.union([z.number(), z.string()]).nullable().optional(),
  minOfHour: z.union([z.number(), z.string()]).nullable().optional(),
  timezone: z.string().nullable().optional(),
  enabled: z.boolean().nullable().optional(),
  ownerId: wireId.nullable().optional(),
  additionalRecipients: z
    .array(z.looseObject({ type: z.string(), value: z.string() }))
    .nullable()
    .optional(),
});

/**
 * A scheduled report as `GET /api/content/v1/reportschedules/{id}` answers it (PM: `title`, `subject`, `ownerId`,
 * `viewId`, `pageId`, `cardId`, `schedule`, `active`, `attachmentInclude`, …): one owner, a user id. A schedule of a
 * page has its `pageId`; of a single card, `cardId` (and `pageId` 0).
 */
export const ReportScheduleSchema = z.looseObject({
  id: wireId,
  title: z.string().nullable().optional(),
  subject: z.string().nullable().optional(),
  ownerId: wireId.nullable().optional(),
  viewId: wireId.nullable().optional(),
  pageId: z.number().nullable().optional(),
  cardId: z.number().nullable().optional(),
  active: z.boolean().nullable().optional(),
  schedule: ReportScheduleTimingSchema.nullable().optional(),
});
export type ReportSchedule = z.infer<typeof ReportScheduleSchema>;
