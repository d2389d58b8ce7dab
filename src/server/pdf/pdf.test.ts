import { inflateSync } from 'node:zlib';
import { PDFParse } from 'pdf-parse';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pageLabel, renderPdf, toWinAnsi, type PdfBlock, type PdfDocumentSpec } from './pdf.js';

const createdAt = new Date('2025-03-14T03:00:00Z');
const letterhead = {
  name: 'Rumah Produksi Bersama Denpasar',
  lines: [
    'Jl. Bypass Ngurah Rai No. 7, Denpasar, Bali 80228',
    'NPWP 01.234.567.8-901.000 · Telp. (0361) 123456',
  ],
};
const terbilang = 'Satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah';

function invoice(): PdfDocumentSpec {
  const rows = Array.from({ length: 60 }, (_, i) => [
    String(i + 1),
    i % 3 === 0
      ? `Sewa mesin pengering kabinet (batch ${i + 1}), termasuk operator dan listrik; dua sif`
      : `Pengemasan vakum ${i + 1}`,
    `${(i % 4) + 1} jam`,
    'Rp1.234.567',
  ]);
  return {
    title: 'Faktur INV/2025/03/0042',
    language: 'id',
    author: 'RPB Denpasar',
    createdAt,
    letterhead,
    footer: 'Faktur INV/2025/03/0042 · Koperasi Tani Jaya',
    blocks: [
      { kind: 'heading', text: 'FAKTUR' },
      {
        kind: 'fields',
        rows: [
          ['Nomor', 'INV/2025/03/0042'],
          ['Tanggal', '14 Maret 2025'],
          ['Kepada', 'Koperasi Tani Jaya, Jl. Medan–Banda Aceh Km 12, Aceh Tamiang'],
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: 'No', width: 0.07, align: 'right' },
          { header: 'Uraian', width: 0.53 },
          { header: 'Jumlah', width: 0.15, align: 'right' },
          { header: 'Harga', width: 0.25, align: 'right' },
        ],
        rows,
        totals: [
          ['Subtotal', 'Rp1.112.222'],
          ['PPN 11%', 'Rp122.345'],
          ['Total', 'Rp1.234.567'],
        ],
      },
      { kind: 'paragraph', text: `Terbilang: ${terbilang}.` },
      { kind: 'signature', lines: ['Denpasar, 14 Maret 2025', 'Kepala RPB'], name: 'Ni Made Sari' },
    ],
  };
}

const verifyUrl = `https://rpb.example.id/coa/verify/${'a1b2c3d4'.repeat(21)}`.slice(0, 200);

function certificate(blocks: PdfBlock[] = []): PdfDocumentSpec {
  return {
    title: 'Certificate of Analysis LOT-2025-0042',
    language: 'en',
    createdAt,
    letterhead,
    blocks: [
      { kind: 'heading', text: 'CERTIFICATE OF ANALYSIS', align: 'center' },
      {
        kind: 'fields',
        rows: [
          ['Product', 'Minyak nilam (patchouli oil)'],
          ['Lot', 'LOT-2025-0042'],
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: 'Parameter', width: 3 },
          { header: 'Limit', width: 2, align: 'center' },
          { header: 'Result', width: 2, align: 'right' },
        ],
        rows: [
          ['Moisture', '≤ 12 %', '9.8 %'],
          ['Patchouli alcohol', '≥ 30 %', '32.4 %'],
        ],
      },
      ...blocks,
      { kind: 'signature', lines: ['Quality manager'], name: 'Dr. Siti Rahma', details: ['Lab 7'] },
    ],
  };
}

async function readBack(pdf: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return { text, info: info.info as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

/** The content streams of the file, inflated (pdfkit compresses them with Flate). */
function contentStreams(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const m = /\bstream\r?\n/.exec(raw.slice(at));
    if (!m) break;
    const start = at + m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not Flate (e.g. uncompressed XML metadata): ignore
    }
    at = end + 'endstream'.length;
  }
  return out.join('\n');
}

/**
 * The text drawn by the content streams, one entry per text object, with its font, e.g.
 * { font: 'Helvetica-Bold 9', text: 'Total' } (pdfkit writes a TJ array of hex strings split
 * where kerning applies; the font resource names /F1, /F2 … are looked up in the file).
 */
function textRuns(pdf: Buffer): { font: string; text: string }[] {
  const raw = pdf.toString('latin1');
  const baseFont = new Map<string, string>();
  for (const [, name, id] of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const object = new RegExp(`\\b${id} 0 obj\\s*<<[^>]*/BaseFont /([\\w-]+)`).exec(raw);
    if (name && object?.[1]) baseFont.set(name, object[1]);
  }
  return [...contentStreams(pdf).matchAll(/\/(F\d+) ([\d.]+) Tf\s*\[(.*?)\] TJ/g)].map(
    ([, name = '', size, tj = '']) => ({
      font: `${baseFont.get(name) ?? name} ${size}`,
      text: [...tj.matchAll(/<([0-9a-f]*)>/g)]
        .map(([, hex = '']) => Buffer.from(hex, 'hex').toString('latin1'))
        .join(''),
    }),
  );
}

describe('renderPdf: an invoice', () => {
  it('writes the letterhead, fields, a 60-row table over pages with its header repeated, totals and footers', async () => {
    const pdf = await renderPdf(invoice());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(40_000);

    const { text, info } = await readBack(pdf);
    expect(text.total).toBe(3);
    const page = (n: number) => text.pages[n - 1]?.text ?? '';
    expect(page(1)).toContain('Rumah Produksi Bersama Denpasar');
    expect(page(1)).toContain('NPWP 01.234.567.8-901.000 · Telp. (0361) 123456');
    expect(page(1)).toContain('FAKTUR');
    expect(page(1)).toMatch(/Kepada\s*:\s*Koperasi Tani Jaya, Jl\. Medan–Banda Aceh Km 12/);
    expect(text.text).toContain('Rp1.234.567');
    expect(text.text).toMatch(/Subtotal\s+Rp1\.112\.222/);
    expect(text.text).toMatch(/PPN 11%\s+Rp122\.345/);
    expect(text.text).toContain(terbilang);
    // The letterhead is on page 1 only; every page that continues the table repeats its header.
    expect(page(2)).not.toContain('Rumah Produksi Bersama Denpasar');
    const header = /^No\s+Uraian\s+Jumlah\s+Harga$/m;
    for (const n of [1, 2]) expect(page(n)).toMatch(header);
    expect(page(2).trimStart().split('\n')[0]).toMatch(header);
    // All 60 rows are there, each once, in order.
    const numbers = [...text.text.matchAll(/^(\d+)\s+(?:Sewa|Pengemasan)/gm)].map((m) =>
      Number(m[1]),
    );
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const n of [1, 2, 3]) {
      expect(page(n)).toContain(`Halaman ${n} dari 3`);
      expect(page(n)).toContain('Faktur INV/2025/03/0042 · Koperasi Tani Jaya');
    }

    expect(info).toMatchObject({
      Title: 'Faktur INV/2025/03/0042',
      Author: 'RPB Denpasar',
      Producer: 'RPB',
      CreationDate: 'D:20250314030000Z',
    });
  });

  it('is byte-identical when rendered twice with the same createdAt', async () => {
    const [a, b] = await Promise.all([renderPdf(invoice()), renderPdf(invoice())]);
    expect(a.equals(b)).toBe(true);
    const later = await renderPdf({ ...invoice(), createdAt: new Date('2025-03-15T00:00:00Z') });
    expect(later.equals(a)).toBe(false);
  });

  it('draws totals rows and the header row in bold, body cells in regular', async () => {
    const runs = textRuns(await renderPdf(invoice()));
    const fontOf = (text: string) => [
      ...new Set(runs.filter((r) => r.text === text).map((r) => r.font)),
    ];
    expect(fontOf('Total')).toEqual(['Helvetica-Bold 9']);
    expect(fontOf('Rp122.345')).toEqual(['Helvetica-Bold 9']);
    expect(fontOf('Uraian')).toEqual(['Helvetica-Bold 9']); // header, on every page
    expect(runs.filter((r) => r.text === 'Uraian')).toHaveLength(3);
    expect(fontOf('Rp1.234.567')).toEqual(['Helvetica 9', 'Helvetica-Bold 9']); // rows; Total
    expect(fontOf('FAKTUR')).toEqual(['Helvetica-Bold 13']);
  });
});

describe('renderPdf: a certificate of analysis', () => {
  it('draws a QR code of a 200-character URL as vector rectangles, one page, in English', async () => {
    expect(verifyUrl).toHaveLength(200);
    const qrBlock: PdfBlock = {
      kind: 'qr',
      url: verifyUrl,
      size: 100,
      caption: 'Scan to verify this certificate at rpb.example.id/coa/verify',
    };
    const withQr = await renderPdf(certificate([qrBlock]));
    const withoutQr = await renderPdf(certificate());

    const { text, info } = await readBack(withQr);
    expect(text.total).toBe(1);
    expect(text.text).toContain('CERTIFICATE OF ANALYSIS');
    expect(text.text).toContain('Scan to verify this certificate');
    expect(text.text).toContain('Page 1 of 1');
    // "≤" is outside WinAnsi: printed as "<=", not as garbage.
    expect(text.text).toMatch(/Moisture\s+<= 12 %\s+9\.8 %/);
    expect(text.text).toMatch(/Patchouli alcohol\s+>= 30 %\s+32\.4 %/);
    expect(info).toMatchObject({ Title: 'Certificate of Analysis LOT-2025-0042', Producer: 'RPB' });

    // The QR's dark modules, run by run, are the rectangles that only the QR version has.
    const modules = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' }).modules;
    let runs = 0;
    let dark = 0;
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) {
        if (!modules.get(r, c)) continue;
        dark++;
        if (c === 0 || !modules.get(r, c - 1)) runs++;
      }
    }
    const rects = (pdf: Buffer) =>
      [...contentStreams(pdf).matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)].map(
        (m) => ({ w: Number(m[3]), h: Number(m[4]) }),
      );
    const m = 100 / modules.size;
    const qrRects = rects(withQr).filter((r) => Math.abs(r.h - m) < 0.01);
    expect(rects(withQr).length - rects(withoutQr).length).toBe(runs);
    expect(qrRects).toHaveLength(runs);
    expect(Math.round(qrRects.reduce((sum, r) => sum + r.w, 0) / m)).toBe(dark);
    // …and it is a link to the verification page.
    expect(withQr.toString('latin1')).toContain(`/URI (${verifyUrl})`);
    expect(withQr.length).toBeLessThan(20_000);
  });

  it('takes a PNG logo in the letterhead', async () => {
    const logo = await QRCode.toBuffer('RPB', { type: 'png', width: 64, margin: 1 });
    const pdf = await renderPdf({ ...certificate(), letterhead: { ...letterhead, logoPng: logo } });
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const { text } = await readBack(pdf);
    expect(text.text).toContain('Rumah Produksi Bersama Denpasar');
  });
});

describe('renderPdf: flow and limits', () => {
  it('wraps an unbreakable URL inside its table cell and splits rows and paragraphs taller than a page', async () => {
    const tall = Array.from({ length: 120 }, (_, i) => `baris ${i + 1}`).join('\n');
    const pdf = await renderPdf({
      title: 'Uji',
      language: 'id',
      createdAt,
      letterhead,
      blocks: [
        {
          kind: 'table',
          columns: [
            { header: 'Tautan', width: 1 },
            { header: 'Catatan', width: 1 },
          ],
          rows: [
            [verifyUrl, 'pendek'],
            ['tinggi', tall],
          ],
        },
        { kind: 'paragraph', text: 'kata '.repeat(3000) },
        { kind: 'pageBreak' },
        { kind: 'paragraph', text: 'Akhir.' },
      ],
    });
    const { text } = await readBack(pdf);
    expect(text.total).toBeGreaterThanOrEqual(5);
    const all = text.text;
    // The URL's pieces, in order, make the whole URL (each piece fits its column).
    const start = all.indexOf('https://');
    const pieces = all.slice(start, all.indexOf('pendek')).replace(/\s+/g, '');
    expect(pieces).toBe(verifyUrl);
    expect(all).toContain('baris 1\n');
    expect(all).toContain('baris 120');
    expect(text.pages.at(-1)?.text).toMatch(/^\s*Akhir\./);
    expect(text.pages.at(-1)?.text).toContain(`Halaman ${text.total} dari ${text.total}`);
  });

  it('refuses a table row whose cells do not match the columns, and a zero column width', async () => {
    const spec = certificate([
      { kind: 'table', columns: [{ header: 'A', width: 1 }], rows: [['1', '2']] },
    ]);
    await expect(renderPdf(spec)).rejects.toThrow(/row 1 has 2 cells for 1 columns/);
    const zero = certificate([{ kind: 'table', columns: [{ header: 'A', width: 0 }], rows: [] }]);
    await expect(renderPdf(zero)).rejects.toThrow(/column width must be a positive number/);
  });

  it('labels pages in the document language', () => {
    expect(pageLabel('id', 2, 3)).toBe('Halaman 2 dari 3');
    expect(pageLabel('en', 2, 3)).toBe('Page 2 of 3');
  });
});

describe('toWinAnsi', () => {
  it('keeps Indonesian and Windows-1252 text', () => {
    const text = 'Koperasi “Maju Jaya” — café, Rp1.234.567 (±5 %, 30 °C, €, ½ kg) • µm';
    expect(toWinAnsi(text)).toBe(text);
  });

  it('replaces what Helvetica cannot print with readable text or "?"', () => {
    expect(toWinAnsi('kadar ≤ 12 %, ≥ 30 %, −5 °C, 3 μg')).toBe(
      'kadar <= 12 %, >= 30 %, -5 °C, 3 µg',
    );
    expect(toWinAnsi('e\u0301 ő ﬁ ℃ Ｒｐ')).toBe('é o fi °C Rp');
    expect(toWinAnsi('lulus ✔️ 😀 👨‍👩‍👧 🇮🇩 中文')).toBe('lulus v ? ? ? ??');
    expect(toWinAnsi('a\u200bb\u00adc\u202f1\u2009000')).toBe('abc\u00a01 000');
    expect(toWinAnsi('baris 1\r\nbaris 2\tx\u0007')).toBe('baris 1\nbaris 2 x');
  });
});
