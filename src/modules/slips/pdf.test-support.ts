/**
 * Test support: reads a rendered PDF back, with the text (pdf.js through unpdf) and the QR codes of
 * its images (decoded by jsQR), so tests check what a reader and a phone camera would get.
 */
import { createRequire } from 'node:module';
import { extractImages, extractText, getDocumentProxy } from 'unpdf';

// jsQR is CommonJS whose module.exports is the function itself; its types describe an ES default export.
const jsQR = createRequire(import.meta.url)('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

// pdf.js calls ArrayBuffer.prototype.transferToFixedLength (Node 21+) when it decodes images; Node 20
// lacks it. A copying stand-in is enough to read images in tests.
const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
if (typeof proto.transferToFixedLength !== 'function') {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    value(this: ArrayBuffer, length?: number) {
      const size = length ?? this.byteLength;
      const copy = new ArrayBuffer(size);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(size, this.byteLength)));
      return copy;
    },
  });
}

export interface ReadPdf {
  readonly pages: number;
  /** All pages' text, whitespace runs collapsed to one space. */
  readonly text: string;
  /** Payloads of the QR codes found in the images of every page. */
  readonly qrCodes: string[];
  readonly images: number;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  const qrCodes: string[] = [];
  let images = 0;
  for (let page = 1; page <= pdf.numPages; page++) {
    for (const img of await extractImages(pdf, page)) {
      images += 1;
      const rgba = new Uint8ClampedArray(img.width * img.height * 4);
      for (let i = 0, j = 0; i < img.width * img.height; i++, j += img.channels) {
        const v = img.data[j]!;
        rgba[i * 4] = v;
        rgba[i * 4 + 1] = img.channels >= 3 ? img.data[j + 1]! : v;
        rgba[i * 4 + 2] = img.channels >= 3 ? img.data[j + 2]! : v;
        rgba[i * 4 + 3] = 255;
      }
      const found = jsQR(rgba, img.width, img.height);
      if (found) qrCodes.push(found.data);
    }
  }
  return { pages: pdf.numPages, text: text.replace(/\s+/g, ' '), qrCodes, images };
}
