import { z } from 'zod';

/**
 * An id as Domo sends it, in any family's answer: a number, or a string of decimal digits (never `0x10`
 * or `1e1`), within the safe range; read as a number.
 */
export const wireId = z
  .union([
    z.number().int().positive(),
    z
      .string()
      .regex(/^\d{1,16}$/, 'expected a decimal id')
      .transform(Number),
  ])
  .refine((id) => Number.isSafeInteger(id) && id > 0, 'expected a positive id within the safe integer range');
