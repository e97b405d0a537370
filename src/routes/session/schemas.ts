import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/** An open session as the admin list shows it: an opaque id and its user (never a token). */
export const SessionSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  userId: wireId,
  created: z.union([z.number(), z.string()]).nullable().optional(),
});
export type Session = z.infer<typeof SessionSchema>;
