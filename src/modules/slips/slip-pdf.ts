/**
 * Lays a slip's content (slip-content.ts) out as an A4 PDF with pdfkit. The font is Be Vietnam Pro
 * (SIL Open Font License 1.1, from the @expo-google-fonts/be-vietnam-pro package), which has every
 * precomposed Vietnamese letter; pdfkit embeds the subset used, with a ToUnicode map so the text can be
 * searched and copied. The QR code is a PNG drawn by the `qrcode` package.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { NATIONAL_MOTTO, type Block, type SlipDocument } from './slip-content.js';

const require = createRequire(import.meta.url);
const FONT_PACKAGE = '@expo-google-fonts/be-vietnam-pro';
const FONTS = {
  regular: require.resolve(`${FONT_PACKAGE}/400Regular/BeVietnamPro_400Regular.ttf`),
  bold: require.resolve(`${FONT_PACKAGE}/700Bold/BeVietnamPro_700Bold.ttf`),
  italic: require.resolve(`${FONT_PACKAGE}/400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf`),
} as const;
type Face = keyof typeof FONTS;

const MARGIN = 50;
const BODY = 10.5;
const SMALL = 8.5;
const QR_SIZE = 92;

/** NFC, so that decomposed input (e.g. pasted text) still maps to the font's precomposed glyphs. */
const nfc = (s: string) => s.normalize('NFC');

type Doc = InstanceType<typeof PDFDocument>;

function face(doc: Doc, f: Face, size: number): Doc {
  return doc.font(f).fontSize(size);
}

/** Renders the slip; resolves with the PDF bytes. */
export async function renderSlipPdf(slip: SlipDocument): Promise<Buffer> {
  const qrPng = slip.qr ? await QRCode.toBuffer(slip.qr.payload, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 }) : null;
  const doc = new PDFDocument({
    size: 'A4',
    layout: slip.layout,
    margins: { top: 40, bottom: 40, left: MARGIN, right: MARGIN },
    info: { Title: nfc(slip.title), Subject: nfc(slip.formLabel), Creator: 'motcua', Producer: 'motcua' },
    lang: 'vi-VN',
    bufferPages: false,
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  header(doc, slip);
  title(doc, slip);
  for (const block of slip.blocks) drawBlock(doc, block);
  signatures(doc, slip);
  if (qrPng && slip.qr) qr(doc, qrPng, slip.qr.caption);
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function header(doc: Doc, slip: SlipDocument): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const leftW = width * 0.42;
  const rightX = left + width * 0.45;
  const rightW = width * 0.55;
  const top = doc.y;

  face(doc, 'italic', SMALL).text(nfc(slip.formLabel), left, top, { width, align: 'right' });
  const y0 = doc.y + 4;

  // Left: the managing body, the issuing agency, the slip number.
  let y = y0;
  if (slip.agency.parentName) {
    face(doc, 'regular', BODY).text(nfc(slip.agency.parentName.toLocaleUpperCase('vi')), left, y, { width: leftW, align: 'center' });
    y = doc.y;
  }
  face(doc, 'bold', BODY).text(nfc(slip.agency.name.toLocaleUpperCase('vi')), left, y, { width: leftW, align: 'center' });
  y = doc.y + 2;
  doc.moveTo(left + leftW * 0.3, y).lineTo(left + leftW * 0.7, y).lineWidth(0.6).stroke();
  if (slip.number) face(doc, 'regular', BODY).text(nfc(`Số: ${slip.number}`), left, y + 4, { width: leftW, align: 'center' });
  const leftEnd = doc.y;

  // Right: the national motto and the place and date.
  face(doc, 'bold', BODY).text(NATIONAL_MOTTO.country, rightX, y0, { width: rightW, align: 'center' });
  face(doc, 'bold', BODY + 0.5).text(nfc(NATIONAL_MOTTO.motto), rightX, doc.y, { width: rightW, align: 'center' });
  const ly = doc.y + 2;
  doc.moveTo(rightX + rightW * 0.28, ly).lineTo(rightX + rightW * 0.72, ly).lineWidth(0.6).stroke();
  face(doc, 'italic', BODY).text(nfc(slip.placeAndDate), rightX, ly + 4, { width: rightW, align: 'center' });
  doc.x = left;
  doc.y = Math.max(leftEnd, doc.y) + 14;
}

function title(doc: Doc, slip: SlipDocument): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  face(doc, 'bold', 13).text(nfc(slip.title), left, doc.y, { width, align: 'center' });
  for (const line of slip.subtitle) face(doc, 'bold', BODY).text(nfc(line), left, doc.y + 2, { width, align: 'center' });
  doc.x = left;
  doc.y += 10;
}

function drawBlock(doc: Doc, block: Block): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  switch (block.type) {
    case 'paragraph': {
      const f: Face = block.bold ? 'bold' : block.italic ? 'italic' : 'regular';
      face(doc, f, BODY);
      ensureSpace(doc, doc.heightOfString(nfc(block.text), { width }));
      doc.text(nfc(block.text), left, doc.y, { width, align: 'justify' });
      doc.y += 3;
      return;
    }
    case 'field': {
      const label = nfc(`${block.label}: `);
      const value = nfc(block.value);
      face(doc, 'regular', BODY);
      ensureSpace(doc, doc.heightOfString(label + value, { width }));
      face(doc, 'bold', BODY).text(label, left, doc.y, { width, continued: true });
      face(doc, 'regular', BODY).text(value || ' ', { width });
      doc.y += 2;
      return;
    }
    case 'list': {
      for (const item of block.items) {
        const text = nfc(`–  ${item}`);
        face(doc, 'regular', BODY);
        ensureSpace(doc, doc.heightOfString(text, { width: width - 12 }));
        doc.text(text, left + 12, doc.y, { width: width - 12 });
      }
      doc.x = left;
      doc.y += 3;
      return;
    }
    case 'table':
      table(doc, block);
      return;
  }
}

function table(doc: Doc, block: Extract<Block, { type: 'table' }>): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const widths = block.columns.map((c) => (c.width / total) * width);
  const pad = 3;
  const size = block.columns.length > 6 ? SMALL : BODY - 1;

  const rowHeight = (cells: readonly string[], f: Face) => {
    face(doc, f, size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(nfc(c) || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: readonly string[], f: Face, h: number) => {
    let x = left;
    const y = doc.y;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      doc.rect(x, y, w, h).lineWidth(0.5).stroke();
      face(doc, f, size).text(nfc(c), x + pad, y + pad, { width: w - 2 * pad, align: f === 'bold' || i === 0 ? 'center' : 'left' });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };

  const headers = block.columns.map((c) => c.title);
  const headerHeight = rowHeight(headers, 'bold');
  ensureSpace(doc, headerHeight + 20);
  drawRow(headers, 'bold', headerHeight);
  if (block.rows.length === 0) {
    const h = rowHeight(['Không có'], 'italic');
    doc.rect(left, doc.y, width, h).lineWidth(0.5).stroke();
    face(doc, 'italic', size).text('Không có', left, doc.y + pad, { width, align: 'center' });
    doc.y += h - pad;
  }
  for (const row of block.rows) {
    const h = rowHeight(row, 'regular');
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      drawRow(headers, 'bold', headerHeight);
    }
    drawRow(row, 'regular', h);
  }
  doc.y += 6;
}

function signatures(doc: Doc, slip: SlipDocument): void {
  if (slip.signatures.length === 0) return;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  ensureSpace(doc, 110);
  const colW = width / Math.max(slip.signatures.length, 2);
  // A single signature sits on the right, as on the printed forms.
  const offset = slip.signatures.length === 1 ? width - colW : 0;
  const y0 = doc.y + 8;
  let end = y0;
  slip.signatures.forEach((s, i) => {
    const x = left + offset + i * colW;
    face(doc, 'bold', BODY).text(nfc(s.title), x, y0, { width: colW, align: 'center' });
    face(doc, 'italic', SMALL).text(nfc(s.note), x, doc.y, { width: colW, align: 'center' });
    if (s.name) face(doc, 'bold', BODY).text(nfc(s.name), x, doc.y + 48, { width: colW, align: 'center' });
    end = Math.max(end, doc.y);
  });
  doc.x = left;
  doc.y = Math.max(end, y0 + 70) + 12;
}

function qr(doc: Doc, png: Buffer, caption: string): void {
  const left = doc.page.margins.left;
  ensureSpace(doc, QR_SIZE + 8);
  const y = doc.y;
  doc.image(png, left, y, { width: QR_SIZE, height: QR_SIZE });
  face(doc, 'italic', SMALL).text(nfc(caption), left + QR_SIZE + 10, y + QR_SIZE / 2 - 10, { width: contentWidth(doc) - QR_SIZE - 10 });
  doc.x = left;
  doc.y = y + QR_SIZE + 4;
}
