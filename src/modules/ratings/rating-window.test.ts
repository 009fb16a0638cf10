import { describe, expect, it } from 'vitest';
import { RATING_EDIT_DAYS, ratingWindow } from './rating-window.js';

describe('rating window', () => {
  const returned = new Date('2026-03-02T03:00:00Z');
  it('is not open before the result is returned', () => {
    expect(ratingWindow(null, new Date())).toEqual({ state: 'not_open' });
  });
  it(`is open for ${RATING_EDIT_DAYS} days after the return, then locked`, () => {
    const until = new Date('2026-03-09T03:00:00Z');
    expect(ratingWindow(returned, returned)).toEqual({ state: 'open', until });
    expect(ratingWindow(returned, new Date(until.getTime() - 1))).toEqual({ state: 'open', until });
    expect(ratingWindow(returned, until)).toEqual({ state: 'locked', since: until });
    expect(ratingWindow(returned, new Date('2026-04-01T00:00:00Z')).state).toBe('locked');
  });
});
