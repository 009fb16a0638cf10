/**
 * When the applicant may rate the service: once the result is returned, and for a few days after, so a
 * rating can be corrected; then it is locked (index 766 counts it as it stands). Pure: no HTTP, no SQL.
 */
export const RATING_EDIT_DAYS = 7;
const DAY_MS = 86_400_000;

export type RatingWindow =
  | { state: 'not_open' }
  | { state: 'open'; until: Date }
  | { state: 'locked'; since: Date };

/** `returnedAt` is the instant of the dossier's RETURN_RESULT, or null when the result is not returned yet. */
export function ratingWindow(returnedAt: Date | null, now: Date): RatingWindow {
  if (returnedAt === null) return { state: 'not_open' };
  const until = new Date(returnedAt.getTime() + RATING_EDIT_DAYS * DAY_MS);
  return now.getTime() < until.getTime() ? { state: 'open', until } : { state: 'locked', since: until };
}
