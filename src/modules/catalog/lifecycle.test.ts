import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  assertAction,
  availableActions,
  canManage,
  displayedVersion,
  planAbolish,
  planPublish,
  versionInForce,
  type VersionPeriod,
} from './lifecycle.js';

describe('available actions', () => {
  it.each([
    [{ status: 'draft', hasDraft: true }, ['edit', 'publish']],
    [{ status: 'published', hasDraft: false }, ['amend', 'abolish']],
    [{ status: 'published', hasDraft: true }, ['edit', 'publish', 'abolish']],
    [{ status: 'abolished', hasDraft: false }, []],
  ] as const)('%o → %o', (state, actions) => {
    expect(availableActions(state)).toEqual(actions);
  });

  it('refuses other actions with 409 ACTION_NOT_ALLOWED listing what is possible', () => {
    try {
      assertAction({ status: 'published', hasDraft: false }, 'edit');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('ACTION_NOT_ALLOWED');
      expect(e.kind).toBe('conflict');
      expect(e.details).toEqual({ status: 'published', action: 'edit', availableActions: ['amend', 'abolish'] });
      expect(e.localized.en).toMatch(/amend it first/);
    }
    expect(() => assertAction({ status: 'abolished', hasDraft: false }, 'amend')).toThrow(/abolished/);
    expect(() => assertAction({ status: 'draft', hasDraft: true }, 'publish')).not.toThrow();
  });
});

const v = (number: number, status: VersionPeriod['status'], effectiveFrom: string | null, effectiveTo: string | null = null): VersionPeriod => ({
  number,
  status,
  effectiveFrom,
  effectiveTo,
});

describe('versions in force', () => {
  const history = [v(1, 'superseded', '2025-01-01', '2025-07-01'), v(2, 'superseded', '2025-07-01', '2026-01-01'), v(3, 'published', '2026-01-01'), v(4, 'draft', null)];

  it('gives a dossier the version in force on its filing date', () => {
    expect(versionInForce(history, '2024-12-31')).toBeNull();
    expect(versionInForce(history, '2025-01-01')?.number).toBe(1);
    expect(versionInForce(history, '2025-06-30')?.number).toBe(1);
    expect(versionInForce(history, '2025-07-01')?.number).toBe(2);
    expect(versionInForce(history, '2027-05-05')?.number).toBe(3);
  });

  it('never gives a draft, and ends with abolition', () => {
    const abolished = [v(1, 'superseded', '2025-01-01', '2025-03-01'), v(2, 'abolished', '2025-03-01', '2025-09-01')];
    expect(versionInForce(abolished, '2025-08-31')?.number).toBe(2);
    expect(versionInForce(abolished, '2025-09-01')).toBeNull();
    expect(displayedVersion(abolished, '2026-01-01')?.number).toBe(2);
    expect(versionInForce([v(1, 'draft', null)], '2030-01-01')).toBeNull();
  });

  it('shows the upcoming version before the first one takes effect', () => {
    expect(displayedVersion([v(1, 'published', '2030-01-01')], '2026-01-01')?.number).toBe(1);
    expect(displayedVersion([v(1, 'draft', null)], '2026-01-01')).toBeNull();
  });

  it('has at most one version in force on any day of a generated history', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: -10, max: 500 }), (gaps, probe) => {
        // Publish versions one after another, each superseding the previous from its date.
        const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const versions: VersionPeriod[] = [];
        let at = 0;
        gaps.forEach((gap, i) => {
          at += gap;
          const plan = planPublish(versions, day(at));
          if (plan.supersede) {
            const prev = versions.find((x) => x.number === plan.supersede!.number)!;
            prev.status = 'superseded';
            prev.effectiveTo = plan.supersede.effectiveTo;
          }
          versions.push(v(i + 1, 'published', day(at)));
        });
        const inForce = versions.filter((x) => x.effectiveFrom! <= day(probe) && (x.effectiveTo === null || day(probe) < x.effectiveTo));
        expect(inForce.length).toBeLessThanOrEqual(1);
        expect(versionInForce(versions, day(probe))?.number ?? null).toBe(inForce[0]?.number ?? null);
      }),
    );
  });
});

describe('publishing and abolishing plans', () => {
  it('supersedes the published version from the new effective date', () => {
    expect(planPublish([v(1, 'published', '2025-01-01')], '2025-06-01')).toEqual({ supersede: { number: 1, effectiveTo: '2025-06-01' } });
    expect(planPublish([v(1, 'draft', null)], '2020-01-01')).toEqual({ supersede: null });
  });

  it('refuses an effective date before the current version took effect', () => {
    expect(() => planPublish([v(1, 'published', '2025-06-01')], '2025-05-31')).toThrow(/2025-06-01/);
    expect(() => planAbolish([v(1, 'published', '2025-06-01')], '2025-01-01')).toThrow(AppError);
    expect(planAbolish([v(1, 'published', '2025-06-01')], '2025-06-01')).toEqual({ end: 1 });
  });
});

describe('procedure-control scope', () => {
  const province = { agencies: new Set(['H55', 'H55.02', 'H55.11', 'H55.11.01']), root: true };
  const commune = { agencies: new Set(['H55.11', 'H55.11.01']), root: false };

  it('lets an officer manage procedures whose agencies are all in their subtree', () => {
    expect(canManage(commune, ['H55.11'])).toBe(true);
    expect(canManage(commune, ['H55.11', 'H55.11.01'])).toBe(true);
    expect(canManage(commune, ['H55.02'])).toBe(false);
    expect(canManage(commune, ['H55.11', 'H55.02'])).toBe(false);
    expect(canManage(province, ['H55.02', 'H55.11'])).toBe(true);
    expect(canManage(province, ['H22.01'])).toBe(false);
  });

  it('leaves procedures linked to no agency to the top-level officer', () => {
    expect(canManage(province, [])).toBe(true);
    expect(canManage(commune, [])).toBe(false);
  });
});
