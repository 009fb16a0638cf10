import { z } from 'zod';

const Localized = z.object({ vi: z.string(), en: z.string() });

export const RatingInput = z
  .object({
    /** Overall: satisfied (like) or not (dislike). */
    satisfied: z.boolean(),
    /** A score from 1 (very poor) to 5 (very good) for each active criterion, by its code. */
    scores: z.record(z.string().regex(/^[a-z][a-z_]{1,39}$/, 'a criterion code'), z.number().int().min(1).max(5)),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
export type RatingInput = z.output<typeof RatingInput>;

export const RatingView = z
  .object({
    dossierId: z.string(),
    code: z.string().nullable(),
    /** not_open: the result is not returned yet; open: the applicant may rate or change the rating; locked: too late. */
    window: z.enum(['not_open', 'open', 'locked']),
    editableUntil: z.string().nullable(),
    criteria: z.array(z.object({ code: z.string(), label: Localized })),
    rating: z
      .object({
        satisfied: z.boolean(),
        scores: z.record(z.string(), z.number()),
        comment: z.string().nullable(),
        createdAt: z.string(),
        updatedAt: z.string(),
      })
      .nullable(),
    /** Whether the caller may submit or change the rating now. */
    canRate: z.boolean(),
  })
  .meta({ id: 'DossierRating' });
export type RatingView = z.output<typeof RatingView>;
