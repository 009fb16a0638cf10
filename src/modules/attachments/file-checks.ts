/**
 * What an uploaded file is, decided from its bytes (magic numbers), never from its name: the allow-list
 * of types, the name's extension checked against the content, names kept in Vietnamese (NFC), and the
 * Content-Disposition a download carries. No HTTP, no SQL.
 *
 * Allowed: PDF, JPEG, PNG, TIFF (scanners' multi-page output), DOCX and XLSX (forms filled in Word or
 * Excel). Everything else is refused, in particular executables, archives, HTML, SVG and any script
 * (text formats have no magic number, so they are never recognised and so never allowed), and
 * macro-enabled Office files (DOCM, XLSM), which are told apart from DOCX/XLSX by their content types.
 */
import { fileTypeFromBuffer } from 'file-type';
import { AppError, invalid } from '../../platform/errors.js';

export const ALLOWED_MEDIA_TYPES = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/png': ['png'],
  'image/tiff': ['tif', 'tiff'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
} as const satisfies Record<string, readonly string[]>;
export type AllowedMediaType = keyof typeof ALLOWED_MEDIA_TYPES;

const isAllowed = (mime: string): mime is AllowedMediaType => Object.hasOwn(ALLOWED_MEDIA_TYPES, mime);

/**
 * Extensions that declare a type. A name ending in one of these must match the content; any other
 * ending ("Tờ khai.bản cuối", "số 12.2025") is just part of the name, and the content's extension is added.
 */
const DECLARING_EXTENSIONS = new Set([
  ...Object.values(ALLOWED_MEDIA_TYPES).flat(),
  ...['doc', 'xls', 'ppt', 'pptx', 'docm', 'xlsm', 'pptm', 'odt', 'ods', 'odp', 'rtf', 'txt', 'csv', 'xml', 'json'],
  ...['gif', 'bmp', 'webp', 'heic', 'heif', 'svg', 'svgz', 'ico', 'mp3', 'mp4', 'mov', 'avi', 'wav'],
  ...['html', 'htm', 'xhtml', 'mht', 'mhtml', 'hta', 'js', 'mjs', 'vbs', 'vbe', 'wsf', 'ps1', 'sh', 'bat', 'cmd', 'lnk'],
  ...['exe', 'com', 'scr', 'msi', 'dll', 'jar', 'apk', 'app', 'dmg', 'iso', 'bin', 'elf'],
  ...['zip', 'rar', '7z', 'gz', 'tgz', 'tar', 'bz2', 'xz', 'cab'],
]);

export type CheckedContent = { mediaType: AllowedMediaType; extension: string; fileName: string };

export const typeNotAllowed = (detected: string | null) =>
  new AppError(
    'unsupported',
    'ATTACHMENT_TYPE_NOT_ALLOWED',
    {
      vi: 'Loại tệp không được chấp nhận: chỉ nhận PDF, ảnh JPEG/PNG/TIFF, tài liệu Word (DOCX) hoặc Excel (XLSX)',
      en: 'File type not allowed: only PDF, JPEG/PNG/TIFF images, Word (DOCX) or Excel (XLSX) documents are accepted',
    },
    { detected, allowed: Object.keys(ALLOWED_MEDIA_TYPES) },
  );

/** The type of the content from its first bytes, or null when it has no recognisable signature. */
export async function sniffMediaType(head: Uint8Array): Promise<{ mime: string; ext: string } | null> {
  if (head.byteLength === 0) return null;
  const t = await fileTypeFromBuffer(head);
  return t ? { mime: t.mime, ext: t.ext } : null;
}

/**
 * Decides whether the content may be stored under this (already cleaned) name: the type comes from the
 * bytes and must be allowed; a name declaring another type is refused; a name without one gets the
 * content's extension.
 */
export async function checkContent(head: Uint8Array, fileName: string): Promise<CheckedContent> {
  if (head.byteLength === 0) throw invalid('ATTACHMENT_EMPTY', { vi: 'Tệp đính kèm trống', en: 'The file is empty' }, { field: 'body.file' });
  const sniffed = await sniffMediaType(head);
  if (!sniffed || !isAllowed(sniffed.mime)) throw typeNotAllowed(sniffed?.mime ?? null);
  const allowedExtensions: readonly string[] = ALLOWED_MEDIA_TYPES[sniffed.mime];
  const declared = extensionOf(fileName);
  if (declared && DECLARING_EXTENSIONS.has(declared)) {
    if (!allowedExtensions.includes(declared)) {
      throw new AppError(
        'unsupported',
        'ATTACHMENT_TYPE_MISMATCH',
        {
          vi: `Tên tệp có đuôi .${declared} nhưng nội dung là ${sniffed.ext.toUpperCase()}: hãy kiểm tra lại tệp`,
          en: `The file name ends in .${declared} but the content is ${sniffed.ext.toUpperCase()}: check the file`,
        },
        { detected: sniffed.mime, extension: declared },
      );
    }
    return { mediaType: sniffed.mime, extension: declared, fileName };
  }
  const extension = allowedExtensions[0]!;
  return { mediaType: sniffed.mime, extension, fileName: truncateName(fileName, 255 - extension.length - 1) + `.${extension}` };
}

/** The lower-case extension of a name ("Bản sao.PDF" → "pdf"), or null. */
export function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * A file name as people wrote it, made safe to keep: Unicode NFC (a name typed on macOS arrives
 * decomposed; Vietnamese diacritics must compare and display the same), the last path segment only
 * (some browsers send "C:\fakepath\…"), no control or bidi-override characters, trimmed, at most 255
 * characters. Throws 400 when nothing is left.
 */
export function cleanFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    // C0/C1 controls, and bidi overrides that can make "gdp.exe" display as "exe.pdg".
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .replace(/^\.+/, '');
  if (cleaned === '') {
    throw invalid('ATTACHMENT_FILE_NAME_INVALID', { vi: 'Tệp đính kèm cần có tên', en: 'The file needs a name' }, { field: 'file.filename' });
  }
  return truncateName(cleaned, 255);
}

/** Cuts a name to `max` characters (code points), keeping its extension. */
function truncateName(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const ext = extensionOf(name);
  const tail = ext ? `.${ext}` : '';
  return chars.slice(0, max - tail.length).join('').trimEnd() + tail;
}

/**
 * `Content-Disposition: attachment` with the name twice (RFC 6266): an ASCII fallback for old
 * clients and the exact UTF-8 name in RFC 5987 encoding (`filename*=UTF-8''…`).
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** Percent-encodes everything but RFC 5987 attr-chars (encodeURIComponent leaves ' ( ) * as they are). */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
