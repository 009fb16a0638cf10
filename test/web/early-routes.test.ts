import { describe, expect, it } from 'vitest';
import { earlyFor, SHELL_DATA } from '../../web/src/early-routes.js';

describe('what boot.ts asks for before the app runs', () => {
  it("asks for the apply page's chunk, the procedure, a resumed draft, then the shell's reads", () => {
    expect(earlyFor('/thu-tuc/2.001263/nop-ho-so', '')).toEqual({ module: 'dossiers/ApplyPage.tsx', data: ['/api/v1/procedures/2.001263', ...SHELL_DATA] });
    expect(earlyFor('/thu-tuc/2.001263/nop-ho-so/', '?ban-nhap=7d0c2a4e-1f7e-4a53-9a1c-2b1f0b7c9e11')).toEqual({
      module: 'dossiers/ApplyPage.tsx',
      data: ['/api/v1/procedures/2.001263', '/api/v1/dossiers/7d0c2a4e-1f7e-4a53-9a1c-2b1f0b7c9e11', '/api/v1/me', '/api/v1/agencies?limit=10'],
    });
  });

  it('names the API URLs as the pages ask api.ts for them', () => {
    expect(earlyFor('/ho-so-cua-toi', '').data[0]).toBe('/api/v1/dossiers?limit=20');
    expect(earlyFor('/ho-so-cua-toi/H55.01-260115-0001', '')).toEqual({
      module: 'dossiers/DossierPage.tsx',
      data: ['/api/v1/dossiers/H55.01-260115-0001', '/api/v1/dossiers/H55.01-260115-0001/history', ...SHELL_DATA],
    });
    // A path segment is decoded as useParams() does, then encoded as the page's encodeURIComponent.
    expect(earlyFor('/thu-tuc/1.00%2F1', '').data[0]).toBe('/api/v1/procedures/1.00%2F1');
    expect(earlyFor('/thu-tuc/a b', '').data[0]).toBe('/api/v1/procedures/a%20b');
    expect(earlyFor('/thu-tuc/%E0%A4%A', '').data[0]).toBe('/api/v1/procedures/%25E0%25A4%25A');
  });

  it('asks only for the shell on the lookup page (its text needs no data) and the procedure page (in the main chunk)', () => {
    expect(earlyFor('/tra-cuu', '?ma=H55.01-260115-0001')).toEqual({ module: 'dossiers/LookupPage.tsx', data: [...SHELL_DATA] });
    expect(earlyFor('/thu-tuc/2.001263', '')).toEqual({ module: null, data: ['/api/v1/procedures/2.001263', ...SHELL_DATA] });
  });

  it('asks for nothing on pages that show without data, or that it does not know', () => {
    for (const path of ['/', '/thu-tuc', '/tai-khoan', '/mot-cua', '/thu-tuc/2.001263/phien-ban', '/khong-co', '/ho-so-cua-toi/a/b']) {
      expect(earlyFor(path, '?q=chung%20thuc'), path).toEqual({ module: null, data: [] });
    }
  });
});
