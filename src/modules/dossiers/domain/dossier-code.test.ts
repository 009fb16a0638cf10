import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vnTime } from '../../calendar/index.js';
import { formatDossierCode, isAgencyCode, isDossierCode, parseDossierCode, vnDateOf } from './dossier-code.js';

describe('dossier code <agencyCode>-<YYMMDD>-<NNNN>', () => {
  it('formats with the Viet Nam receipt date and at least 4 digits', () => {
    expect(formatDossierCode({ agencyCode: 'H15.50.05.13', receivedAt: vnTime(2026, 10, 8, 9, 0), sequence: 975 })).toBe(
      'H15.50.05.13-261008-0975',
    );
    expect(formatDossierCode({ agencyCode: '000.00.01.H22', receivedAt: vnTime(2025, 7, 1, 0, 5), sequence: 123456 })).toBe(
      '000.00.01.H22-250701-123456',
    );
    // 00:30 on 2 March in Hà Nội is still 1 March in UTC: the code uses the local date.
    expect(formatDossierCode({ agencyCode: 'H15', receivedAt: vnTime(2026, 3, 2, 0, 30), sequence: 1 })).toBe('H15-260302-0001');
    expect(formatDossierCode({ agencyCode: 'G14.02', receiptDate: '2026-02-13', sequence: '180012' })).toBe('G14.02-260213-180012');
  });

  it('parses by splitting on the last two hyphens', () => {
    expect(parseDossierCode('H15.50.05.13-261008-0975')).toEqual({
      agencyCode: 'H15.50.05.13',
      receiptDate: '2026-10-08',
      sequence: '0975',
    });
    // A ministerial sequence keeps its leading zero (2-digit ministry prefix 03).
    expect(parseDossierCode('H15.50.05.13-261008-030975').sequence).toBe('030975');
  });

  it.each([
    '',
    'H15.50.05.13',
    'H15.50.05.13-261008',
    'H15.50.05.13-261008-975',
    'H15.50.05.13-261008-0000',
    'H15.50.05.13-26108-0975',
    'H15.50.05.13-260230-0975',
    'H15.50.05.13-261308-0975',
    'h15.50-261008-0975',
    'H15..50-261008-0975',
    'H15-50-261008-0975',
    '-261008-0975',
    'H15.50.05.13-261008-09 75',
    'H15.50.05.13-261008-12345678901',
    `${'A'.repeat(36)}-261008-0975`,
  ])('rejects %j', (code) => {
    expect(isDossierCode(code)).toBe(false);
    expect(() => parseDossierCode(code)).toThrowError(expect.objectContaining({ code: 'DOSSIER_CODE_INVALID' }));
  });

  it('refuses to format what it could not parse', () => {
    expect(() => formatDossierCode({ agencyCode: 'h15', receivedAt: vnTime(2026, 1, 2), sequence: 1 })).toThrow();
    expect(() => formatDossierCode({ agencyCode: 'H15', receivedAt: vnTime(2026, 1, 2), sequence: 0 })).toThrow();
    expect(() => formatDossierCode({ agencyCode: 'H15', receivedAt: vnTime(2026, 1, 2), sequence: 1.5 })).toThrow();
    expect(() => formatDossierCode({ agencyCode: 'H15', receivedAt: vnTime(1999, 12, 31), sequence: 1 })).toThrow();
    expect(() => formatDossierCode({ agencyCode: 'H15', receiptDate: '2026-02-30', sequence: 1 })).toThrow();
    expect(() => formatDossierCode({ agencyCode: 'H15', receivedAt: new Date(Number.NaN), sequence: 1 })).toThrow();
  });
});

const group = fc.stringMatching(/^[0-9A-Z]{1,5}$/);
const agencyCode = fc.array(group, { minLength: 1, maxLength: 5 }).map((g) => g.join('.')).filter((c) => c.length <= 35);
const instant = fc.integer({ min: vnTime(2000, 1, 1).getTime(), max: vnTime(2099, 12, 31, 23, 59).getTime() }).map((ms) => new Date(ms));

describe('dossier code (property-based)', () => {
  it('parse(format(x)) gives back the agency, the local receipt date and the padded sequence', () => {
    fc.assert(
      fc.property(agencyCode, instant, fc.integer({ min: 1, max: 9_999_999_999 }), (agency, at, seq) => {
        const code = formatDossierCode({ agencyCode: agency, receivedAt: at, sequence: seq });
        expect(parseDossierCode(code)).toEqual({
          agencyCode: agency,
          receiptDate: vnDateOf(at),
          sequence: String(seq).padStart(4, '0'),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('format(parse(code)) is the code itself', () => {
    const sequence = fc.stringMatching(/^\d{4,10}$/).filter((s) => !/^0+$/.test(s));
    fc.assert(
      fc.property(agencyCode, instant, sequence, (agency, at, seq) => {
        const code = `${agency}-${vnDateOf(at).slice(2).replaceAll('-', '')}-${seq}`;
        expect(isDossierCode(code)).toBe(true);
        expect(formatDossierCode(parseDossierCode(code))).toBe(code);
      }),
      { numRuns: 500 },
    );
  });

  it('agency codes never contain a hyphen, so the split is unambiguous', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(isAgencyCode(s) && s.includes('-')).toBe(false);
      }),
    );
  });
});
