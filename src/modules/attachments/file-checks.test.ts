import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { checkContent, cleanFileName, contentDisposition, encodeRfc5987, extensionOf } from './file-checks.js';
import * as sample from './samples.test-support.js';

async function refusal(p: Promise<unknown>): Promise<{ code: string; kind: string; details: unknown }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const a = err as AppError;
  return { code: a.code, kind: a.kind, details: a.details };
}

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Tờ khai').addRow(['Họ và tên', 'Nguyễn Văn An']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('type from content', () => {
  it.each([
    ['PDF', sample.pdf(), 'Tờ khai.pdf', 'application/pdf'],
    ['PNG', sample.png(), 'Ảnh chân dung.png', 'image/png'],
    ['JPEG', sample.jpeg(), 'Ảnh CCCD mặt trước.JPG', 'image/jpeg'],
    ['JPEG (.jpeg)', sample.jpeg(), 'anh.jpeg', 'image/jpeg'],
    ['TIFF', sample.tiff(), 'Bản quét.tif', 'image/tiff'],
  ])('accepts %s', async (_, bytes, name, mime) => {
    const r = await checkContent(bytes, name);
    expect(r).toEqual({ mediaType: mime, extension: extensionOf(name), fileName: name });
  });

  it('accepts an XLSX made by a spreadsheet library', async () => {
    expect((await checkContent(await xlsx(), 'Bảng kê.xlsx')).mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it.each([
    ['a Windows executable', sample.exe(), 'application/x-msdownload'],
    ['a Linux executable', sample.elf(), 'application/x-elf'],
    ['a ZIP archive', sample.zip(), 'application/zip'],
    ['a GIF', sample.gif(), 'image/gif'],
    ['HTML with a script', sample.html(), null],
    ['SVG with a script', sample.svg(), null],
  ])('refuses %s whatever its name says', async (_, bytes, detected) => {
    for (const name of ['Tờ khai.pdf', 'anh.png', 'khong-duoi']) {
      const r = await refusal(checkContent(bytes, name));
      expect(r).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED', kind: 'unsupported', details: { detected } });
    }
  });

  it('refuses an empty file', async () => {
    expect(await refusal(checkContent(Buffer.alloc(0), 'Tờ khai.pdf'))).toMatchObject({ code: 'ATTACHMENT_EMPTY', kind: 'validation' });
  });

  it('refuses a name that claims another type than the content', async () => {
    expect(await refusal(checkContent(sample.png(), 'Tờ khai.pdf'))).toMatchObject({ code: 'ATTACHMENT_TYPE_MISMATCH', details: { detected: 'image/png', extension: 'pdf' } });
    expect(await refusal(checkContent(sample.pdf(), 'giay-to.exe'))).toMatchObject({ code: 'ATTACHMENT_TYPE_MISMATCH', details: { extension: 'exe' } });
    expect(await refusal(checkContent(sample.pdf(), 'trang.html'))).toMatchObject({ code: 'ATTACHMENT_TYPE_MISMATCH' });
  });

  it("adds the content's extension when the name declares none", async () => {
    expect((await checkContent(sample.pdf(), 'Giấy tờ số 12.2025')).fileName).toBe('Giấy tờ số 12.2025.pdf');
    expect((await checkContent(sample.png(), 'ảnh')).fileName).toBe('ảnh.png');
    expect((await checkContent(sample.pdf(), 'Tờ khai.bản cuối')).fileName).toBe('Tờ khai.bản cuối.pdf');
  });
});

describe('file names', () => {
  it('keeps Vietnamese names, in NFC', () => {
    const decomposed = 'Tờ khai đăng ký khai sinh.pdf'.normalize('NFD');
    expect(decomposed).not.toBe('Tờ khai đăng ký khai sinh.pdf');
    expect(cleanFileName(decomposed)).toBe('Tờ khai đăng ký khai sinh.pdf');
  });

  it('keeps only the last path segment and drops control and bidi characters', () => {
    expect(cleanFileName('C:\\fakepath\\Bản sao.pdf')).toBe('Bản sao.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('hoa\u202Efdp.exe')).toBe('hoafdp.exe');
    expect(cleanFileName(' \u0000giấy\u0007 tờ.pdf ')).toBe('giấy tờ.pdf');
    expect(cleanFileName('...ẩn.pdf')).toBe('ẩn.pdf');
  });

  it('refuses a name with nothing left', () => {
    for (const n of ['', '   ', '/', '\u202E', '...']) expect(() => cleanFileName(n)).toThrow(expect.objectContaining({ code: 'ATTACHMENT_FILE_NAME_INVALID' }));
  });

  it('cuts long names to 255 characters, keeping the extension', () => {
    const long = `${'Đơn đề nghị '.repeat(40)}.pdf`;
    const cut = cleanFileName(long);
    expect([...cut].length).toBeLessThanOrEqual(255);
    expect(cut.endsWith('.pdf')).toBe(true);
  });
});

describe('Content-Disposition', () => {
  it('carries an ASCII fallback and the exact UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('Tờ khai đăng ký (bản 2).pdf')).toBe(
      "attachment; filename=\"To khai dang ky (ban 2).pdf\"; filename*=UTF-8''T%E1%BB%9D%20khai%20%C4%91%C4%83ng%20k%C3%BD%20%28b%E1%BA%A3n%202%29.pdf",
    );
    expect(contentDisposition('Đơn "gấp"; 100%.pdf')).toMatch(/^attachment; filename="Don _gap__ 100_.pdf"; filename\*=UTF-8''/);
  });

  it('round-trips any name and leaves only attr-chars unescaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (name) => {
        const enc = encodeRfc5987(name);
        expect(enc).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]*$/);
        expect(decodeURIComponent(enc)).toBe(name);
        const header = contentDisposition(name);
        const fallback = /filename="([^"]*)"/.exec(header)![1]!;
        expect(fallback).toMatch(/^[\x20-\x7e]*$/);
        expect(fallback).not.toMatch(/["\\]/);
      }),
    );
  });
});
