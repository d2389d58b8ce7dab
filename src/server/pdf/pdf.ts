/**
 * Writing PDF documents (invoices, certificates of analysis, letters) from a declarative
 * description. Layout only: what a document says, its numbers and its wording belong to the
 * feature that builds it; features never touch pdfkit.
 *
 * The page: A4 portrait, margins 20 mm left and right, 18 mm top, 24 mm bottom; the
 * letterhead (kop surat) at the top of page 1 with a double rule under it; blocks flow down
 * the pages; each page ends with a rule, the optional footer text and "Halaman n dari m" /
 * "Page n of m". Text is Helvetica (a standard PDF font, nothing embedded) in WinAnsi
 * encoding, which covers Indonesian and English; other characters are replaced as
 * `toWinAnsi` describes. Lengths are in points (1/72 inch; 1 mm ≈ 2.83 pt).
 *
 * Output is deterministic: with `createdAt` set, the same spec gives the same bytes (the file
 * ID in the trailer is pdfkit's MD5 of the metadata, CreationDate included, not random).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { toWinAnsi } from './winansi.js';

export { toWinAnsi } from './winansi.js';

export type PdfLanguage = 'id' | 'en';
export type PdfAlign = 'left' | 'center' | 'right';

export interface PdfDocumentSpec {
  /** Metadata and the viewer's window title; not printed (add a `heading` block for that). */
  title: string;
  /** Language of the page numbers and of the PDF (/Lang `id-ID` or `en`). */
  language: PdfLanguage;
  author?: string;
  subject?: string;
  /** CreationDate in the metadata; without it, the time of rendering (output then differs). */
  createdAt?: Date;
  letterhead: PdfLetterhead;
  blocks: PdfBlock[];
  /** Small print on every page, left of the page number, e.g. "Faktur INV/2025/03/0042". */
  footer?: string;
}

export interface PdfLetterhead {
  /** Organisation name, printed large and bold. */
  name: string;
  /** Address, NPWP, phone, e-mail … one per line (long lines wrap). */
  lines: string[];
  /** A PNG (or JPEG) logo, scaled to fit 20 × 20 mm left of the name. */
  logoPng?: Uint8Array;
}

export interface PdfTableColumn {
  header: string;
  /** Relative width: the widths are scaled to fill the text width (fractions summing to 1 work). */
  width: number;
  /** Right for amounts and quantities; default left. */
  align?: PdfAlign;
}

export type PdfBlock =
  /** Bold 13 pt; kept on a page with the lines that follow it. */
  | { kind: 'heading'; text: string; align?: PdfAlign }
  /** `\n` breaks lines; long paragraphs continue on the next page. Size 6–36 pt, default 10. */
  | { kind: 'paragraph'; text: string; bold?: boolean; size?: number; align?: PdfAlign }
  /** Key/value rows, "Label : value"; values wrap; a row stays on one page. */
  | { kind: 'fields'; rows: [label: string, value: string][] }
  /**
   * Every row has one cell per column; cells wrap (`\n` breaks). Rows that do not fit move to
   * the next page, which repeats the header row. Totals rows (bold, label right-aligned across
   * all but the last column, value in the last column) follow the rows and stay together.
   */
  | {
      kind: 'table';
      columns: PdfTableColumn[];
      rows: string[][];
      totals?: [label: string, value: string][];
    }
  /**
   * A QR code of `url` (vector, error correction M) at the left, `size` pt wide (default 90,
   * about 32 mm; 50–300), with the caption beside it. http(s) URLs are also clickable.
   */
  | { kind: 'qr'; url: string; caption?: string; size?: number }
  /**
   * A signature block at the right: `lines` (place and date, position) above a space for the
   * signature and stamp, then `name` bold and underlined, then `details` (e.g. NIP).
   */
  | { kind: 'signature'; lines: string[]; name?: string; details?: string[] }
  /** Vertical space in pt (ends at the bottom of the page). */
  | { kind: 'spacer'; height: number }
  /** Continues on a new page (nothing if already at the top of one). */
  | { kind: 'pageBreak' };

/** "Halaman 2 dari 3" / "Page 2 of 3". */
export function pageLabel(language: PdfLanguage, page: number, pages: number): string {
  return language === 'id' ? `Halaman ${page} dari ${pages}` : `Page ${page} of ${pages}`;
}

const MM = 72 / 25.4;
const PAGE_WIDTH = 595.28; // A4
const PAGE_HEIGHT = 841.89;
const MARGIN = { top: 18 * MM, bottom: 24 * MM, left: 20 * MM, right: 20 * MM };

type Font = 'Helvetica' | 'Helvetica-Bold';
const REGULAR: Font = 'Helvetica';
const BOLD: Font = 'Helvetica-Bold';
/** Helvetica's ascender (718/1000 em): from the top of a line to its baseline. */
const ASCENT = 0.718;

const TEXT = '#000000';
const MUTED = '#444444';
const RULE = '#888888';
const LIGHT_RULE = '#cccccc';
const HEADER_FILL = '#e8e8e8';

const BODY_SIZE = 10;
const TABLE_SIZE = 9;
const SMALL_SIZE = 8;
const HEADING_SIZE = 13;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
const LOGO_SIZE = 20 * MM;
const SIGNATURE_SPACE = 56;

interface Cell {
  x: number;
  width: number;
  lines: string[];
  font: Font;
  size: number;
  align: PdfAlign;
  color: string;
}

interface RowStyle {
  padY: number;
  lineHeight: number;
  /** `always`: flow line by line like running text; `ifTooTall`: only a row taller than a page. */
  split: 'always' | 'ifTooTall';
  /** Called on each new page the row continues on (e.g. to repeat a table header). */
  continuePage?: () => void;
  /** Height that `continuePage` takes. */
  continueHeight?: number;
  /** Draws backgrounds and rules for a part of the row (top, height) before its text. */
  decorate?: (top: number, height: number) => void;
}

function requireRange(what: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${what} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

class Writer {
  readonly left = MARGIN.left;
  readonly right = PAGE_WIDTH - MARGIN.right;
  readonly top = MARGIN.top;
  readonly bottom = PAGE_HEIGHT - MARGIN.bottom;
  y = MARGIN.top;
  /** Where the current page's content started (below the letterhead on page 1). */
  private pageStart = MARGIN.top;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly spec: PdfDocumentSpec,
  ) {}

  get width(): number {
    return this.right - this.left;
  }

  private get atPageStart(): boolean {
    return this.y <= this.pageStart;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
    this.pageStart = this.top;
  }

  /** Starts a new page unless `height` fits below `y` (or the page is still empty). */
  private ensure(height: number): void {
    if (this.y + height > this.bottom && !this.atPageStart) this.newPage();
  }

  private textWidth(text: string, font: Font, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  /**
   * Splits text into lines no wider than `width`: at spaces (a no-break space holds, e.g.
   * "Rp 1.000"), at `\n`, and inside a word only when the word alone is too wide — then
   * preferably after `/ - _ . ? & =` (URLs), otherwise between characters.
   */
  wrap(raw: string, font: Font, size: number, maxWidth: number): string[] {
    const width = Math.max(maxWidth, 1);
    const lines: string[] = [];
    const fits = (s: string) => this.textWidth(s, font, size) <= width;
    for (const paragraph of toWinAnsi(raw).split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        if (word === '') continue;
        const candidate = line === '' ? word : `${line} ${word}`;
        if (fits(candidate)) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(line);
        let rest = word;
        while (rest.length > 1 && !fits(rest)) {
          let n = 1;
          while (n < rest.length && fits(rest.slice(0, n + 1))) n++;
          const head = rest.slice(0, n);
          const soft = Math.max(
            ...['/', '-', '_', '.', '?', '&', '='].map((c) => head.lastIndexOf(c)),
          );
          if (soft >= n / 2 && soft < n - 1) n = soft + 1;
          lines.push(rest.slice(0, n));
          rest = rest.slice(n);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  private drawLine(
    text: string,
    x: number,
    y: number,
    width: number,
    cell: Omit<Cell, 'x' | 'width' | 'lines'>,
  ): void {
    if (text === '') return;
    const w = this.textWidth(text, cell.font, cell.size);
    const dx = cell.align === 'right' ? width - w : cell.align === 'center' ? (width - w) / 2 : 0;
    this.doc.fillColor(cell.color).text(text, x + dx, y, { lineBreak: false });
  }

  private drawCells(cells: Cell[], from: number, count: number, style: RowStyle): void {
    const height = count * style.lineHeight + 2 * style.padY;
    style.decorate?.(this.y, height);
    for (const cell of cells) {
      cell.lines.slice(from, from + count).forEach((line, i) => {
        const y = this.y + style.padY + i * style.lineHeight + (style.lineHeight - cell.size) / 2;
        this.drawLine(line, cell.x, y, cell.width, cell);
      });
    }
    this.y += height;
  }

  /** Draws a row of wrapped cells at `y`, going on to new pages as `style` says. */
  private row(cells: Cell[], style: RowStyle): void {
    const total = Math.max(1, ...cells.map((c) => c.lines.length));
    const capacity = this.bottom - this.top - (style.continueHeight ?? 0);
    const heightOf = (lines: number) => lines * style.lineHeight + 2 * style.padY;
    let from = 0;
    while (from < total) {
      const remaining = total - from;
      if (heightOf(remaining) <= this.bottom - this.y) {
        this.drawCells(cells, from, remaining, style);
        return;
      }
      const fit = Math.floor((this.bottom - this.y - 2 * style.padY) / style.lineHeight);
      const moveWhole = style.split === 'ifTooTall' && heightOf(remaining) <= capacity;
      if ((moveWhole || fit < 1) && !this.atPageStart) {
        this.newPage();
        style.continuePage?.();
        continue;
      }
      const count = Math.max(1, Math.min(fit, remaining)); // at least one line: always progress
      this.drawCells(cells, from, count, style);
      from += count;
      if (from < total) {
        this.newPage();
        style.continuePage?.();
      }
    }
  }

  private cell(
    text: string,
    x: number,
    width: number,
    font: Font,
    size: number,
    align: PdfAlign = 'left',
    color = TEXT,
  ): Cell {
    return { x, width, lines: this.wrap(text, font, size, width), font, size, align, color };
  }

  private rule(y: number, width: number, color: string, x1 = this.left, x2 = this.right): void {
    this.doc
      .save()
      .moveTo(x1, y)
      .lineTo(x2, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke()
      .restore();
  }

  letterhead(): void {
    const { name, lines, logoPng } = this.spec.letterhead;
    let x = this.left;
    if (logoPng) {
      this.doc.image(Buffer.from(logoPng), this.left, this.top, { fit: [LOGO_SIZE, LOGO_SIZE] });
      x += LOGO_SIZE + 10;
    }
    const width = this.right - x;
    const top = this.y;
    this.row([this.cell(name, x, width, BOLD, 15)], { padY: 0, lineHeight: 18, split: 'always' });
    this.y += 2;
    for (const line of lines) {
      this.row([this.cell(line, x, width, REGULAR, 9, 'left', MUTED)], {
        padY: 0,
        lineHeight: 11.5,
        split: 'always',
      });
    }
    this.y = Math.max(this.y, logoPng ? top + LOGO_SIZE : top) + 6;
    // The kop surat's rules: thick, then thin.
    this.rule(this.y, 1.5, TEXT);
    this.rule(this.y + 2.5, 0.5, TEXT);
    this.y += 16;
    this.pageStart = this.y;
  }

  heading(block: { text: string; align?: PdfAlign }): void {
    if (!this.atPageStart) this.y += 8;
    const cell = this.cell(block.text, this.left, this.width, BOLD, HEADING_SIZE, block.align);
    const lineHeight = HEADING_SIZE * 1.3;
    // Keep with what follows: never alone at the bottom of a page.
    this.ensure(cell.lines.length * lineHeight + 3 * BODY_SIZE * 1.35);
    this.row([cell], { padY: 0, lineHeight, split: 'always' });
    this.y += 4;
  }

  paragraph(block: { text: string; bold?: boolean; size?: number; align?: PdfAlign }): void {
    const size = requireRange('paragraph size', block.size ?? BODY_SIZE, 6, 36);
    const cell = this.cell(
      block.text,
      this.left,
      this.width,
      block.bold ? BOLD : REGULAR,
      size,
      block.align,
    );
    this.row([cell], { padY: 0, lineHeight: size * 1.35, split: 'always' });
    this.y += size * 0.6;
  }

  fields(rows: [string, string][]): void {
    const labelWidth = Math.min(
      this.width * 0.38,
      Math.max(0, ...rows.map(([label]) => this.textWidth(toWinAnsi(label), REGULAR, BODY_SIZE))) +
        1,
    );
    const colonX = this.left + labelWidth + 4;
    const valueX = colonX + 10;
    for (const [label, value] of rows) {
      this.row(
        [
          this.cell(label, this.left, labelWidth, REGULAR, BODY_SIZE, 'left', MUTED),
          this.cell(':', colonX, 6, REGULAR, BODY_SIZE, 'left', MUTED),
          this.cell(value, valueX, this.right - valueX, REGULAR, BODY_SIZE),
        ],
        { padY: 1.5, lineHeight: BODY_SIZE * 1.3, split: 'ifTooTall' },
      );
    }
    this.y += 6;
  }

  table(block: Extract<PdfBlock, { kind: 'table' }>): void {
    const { columns, rows, totals = [] } = block;
    if (columns.length === 0) throw new RangeError('a table needs at least one column');
    const weight = columns.reduce((sum, c) => {
      if (!(Number.isFinite(c.width) && c.width > 0)) {
        throw new RangeError(`column width must be a positive number, got ${c.width}`);
      }
      return sum + c.width;
    }, 0);
    const xs: number[] = [];
    const widths: number[] = [];
    let x = this.left;
    for (const column of columns) {
      const width = (column.width / weight) * this.width;
      xs.push(x + CELL_PAD_X);
      widths.push(width - 2 * CELL_PAD_X);
      x += width;
    }
    const at = (i: number) => ({ x: xs[i] ?? this.left, width: widths[i] ?? 0 });
    const lineHeight = TABLE_SIZE * 1.3;
    const headerCells = columns.map((c, i) =>
      this.cell(c.header, at(i).x, at(i).width, BOLD, TABLE_SIZE, c.align),
    );
    const headerLines = Math.max(...headerCells.map((c) => c.lines.length));
    const headerHeight = headerLines * lineHeight + 2 * CELL_PAD_Y;
    const header = () => {
      this.drawCells(headerCells, 0, headerLines, {
        padY: CELL_PAD_Y,
        lineHeight,
        split: 'ifTooTall',
        decorate: (top, height) => {
          this.doc.save().rect(this.left, top, this.width, height).fill(HEADER_FILL).restore();
          this.rule(top + height, 0.75, RULE);
        },
      });
    };
    const bodyStyle: RowStyle = {
      padY: CELL_PAD_Y,
      lineHeight,
      split: 'ifTooTall',
      continuePage: header,
      continueHeight: headerHeight,
      decorate: (top, height) => this.rule(top + height, 0.4, LIGHT_RULE),
    };
    const bodyRows = rows.map((row, r) => {
      if (row.length !== columns.length) {
        throw new RangeError(
          `table row ${r + 1} has ${row.length} cells for ${columns.length} columns`,
        );
      }
      return row.map((text, i) =>
        this.cell(text, at(i).x, at(i).width, REGULAR, TABLE_SIZE, columns[i]?.align),
      );
    });
    const heightOf = (cells: Cell[]) =>
      Math.max(1, ...cells.map((c) => c.lines.length)) * lineHeight + 2 * CELL_PAD_Y;

    // Never leave the header alone at the bottom of a page.
    const first = bodyRows[0];
    this.ensure(headerHeight + (first ? Math.min(heightOf(first), 3 * lineHeight) : 0));
    header();
    for (const cells of bodyRows) this.row(cells, bodyStyle);
    this.rule(this.y, 0.75, RULE); // closes the table (over the last row's light rule)
    if (totals.length > 0) this.totals(totals, at, columns, bodyStyle, header);
    this.endBlock(6);
  }

  private totals(
    totals: [string, string][],
    at: (i: number) => { x: number; width: number },
    columns: PdfTableColumn[],
    bodyStyle: RowStyle,
    header: () => void,
  ): void {
    const lineHeight = bodyStyle.lineHeight;
    const heightOf = (cells: Cell[]) =>
      Math.max(1, ...cells.map((c) => c.lines.length)) * lineHeight + 2 * CELL_PAD_Y;
    const last = columns.length - 1;
    const labelX = this.left + CELL_PAD_X;
    const valueAlign = columns[last]?.align ?? 'right';
    const totalRows = totals.map(([label, value]) =>
      last === 0
        ? [this.cell(`${label} ${value}`, labelX, at(0).width, BOLD, TABLE_SIZE, 'right')]
        : [
            this.cell(
              label,
              labelX,
              at(last).x - CELL_PAD_X - labelX - CELL_PAD_X,
              BOLD,
              TABLE_SIZE,
              'right',
            ),
            this.cell(value, at(last).x, at(last).width, BOLD, TABLE_SIZE, valueAlign),
          ],
    );
    // Totals stay together; on a new page they come under a repeated header.
    if (this.y + totalRows.reduce((sum, cells) => sum + heightOf(cells), 0) > this.bottom) {
      this.newPage();
      header();
    }
    for (const cells of totalRows) this.row(cells, { ...bodyStyle, decorate: undefined });
    this.rule(this.y, 0.75, RULE);
  }

  qr(block: { url: string; caption?: string; size?: number }): void {
    const size = requireRange('QR code size', block.size ?? 90, 50, 300);
    const modules = QRCode.create(block.url, { errorCorrectionLevel: 'M' }).modules;
    const m = size / modules.size;
    const quiet = 4 * m; // the quiet zone a scanner needs around the symbol
    const captionX = this.left + size + Math.max(12, quiet);
    const caption = block.caption
      ? this.cell(block.caption, captionX, this.right - captionX, REGULAR, 9, 'left', MUTED)
      : undefined;
    const height = Math.max(size, (caption?.lines.length ?? 0) * 9 * 1.35);
    if (!this.atPageStart) this.y += quiet;
    this.ensure(height + quiet);
    const top = this.y;
    // Each run of dark modules in a row is one rectangle; all are filled as one path.
    for (let r = 0; r < modules.size; r++) {
      let c = 0;
      while (c < modules.size) {
        if (!modules.get(r, c)) {
          c++;
          continue;
        }
        const start = c;
        while (c < modules.size && modules.get(r, c)) c++;
        this.doc.rect(this.left + start * m, top + r * m, (c - start) * m, m);
      }
    }
    this.doc.fill(TEXT);
    if (/^https?:\/\//i.test(block.url)) this.doc.link(this.left, top, size, size, block.url);
    if (caption) {
      caption.lines.forEach((line, i) =>
        this.drawLine(line, captionX, top + i * 9 * 1.35, caption.width, caption),
      );
    }
    this.y = top + height;
    this.endBlock(quiet);
  }

  signature(block: { lines: string[]; name?: string; details?: string[] }): void {
    const width = Math.min(this.width * 0.45, 220);
    const x = this.right - width;
    const lineHeight = BODY_SIZE * 1.35;
    const cells = (texts: string[], font: Font) =>
      texts.map((t) => this.cell(t, x, width, font, BODY_SIZE, 'center'));
    const above = cells(block.lines, REGULAR);
    const name = block.name !== undefined ? cells([block.name], BOLD) : [];
    const below = cells(block.details ?? [], REGULAR);
    const count = (list: Cell[]) => list.reduce((sum, c) => sum + c.lines.length, 0);
    if (!this.atPageStart) this.y += 12;
    this.ensure((count(above) + count(name) + count(below)) * lineHeight + SIGNATURE_SPACE);
    const style: RowStyle = { padY: 0, lineHeight, split: 'always' };
    for (const c of above) this.row([c], style);
    this.y += SIGNATURE_SPACE;
    for (const c of name) {
      for (const line of c.lines) {
        const w = this.textWidth(line, BOLD, BODY_SIZE);
        const baseline = this.y + (lineHeight - BODY_SIZE) / 2 + ASCENT * BODY_SIZE;
        this.rule(baseline + 1.5, 0.6, TEXT, x + (width - w) / 2, x + (width + w) / 2);
        this.row([{ ...c, lines: [line] }], style);
      }
    }
    for (const c of below) this.row([c], style);
    this.endBlock(6);
  }

  spacer(height: number): void {
    this.y = Math.min(this.y + requireRange('spacer height', height, 0, PAGE_HEIGHT), this.bottom);
  }

  pageBreak(): void {
    if (!this.atPageStart) this.newPage();
  }

  private endBlock(gap: number): void {
    this.y += gap;
  }

  /** Footer rule, footer text and page number on every page (pages are buffered until now). */
  footers(): void {
    const { start, count } = this.doc.bufferedPageRange();
    const ruleY = this.bottom + 5 * MM;
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(start + i);
      this.rule(ruleY, 0.5, RULE);
      const label = pageLabel(this.spec.language, i + 1, count);
      const style = { font: REGULAR, size: SMALL_SIZE, color: MUTED };
      this.drawLine(label, this.left, ruleY + 4, this.width, { ...style, align: 'right' });
      if (this.spec.footer) {
        const width = this.width - this.textWidth(label, REGULAR, SMALL_SIZE) - 16;
        const lines = this.wrap(this.spec.footer, REGULAR, SMALL_SIZE, width).slice(0, 3);
        lines.forEach((line, n) =>
          this.drawLine(line, this.left, ruleY + 4 + n * SMALL_SIZE * 1.3, width, {
            ...style,
            align: 'left',
          }),
        );
      }
    }
  }
}

/** Renders the document described by `spec` to the bytes of a PDF file. */
export function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const info: PDFKit.DocumentInfo = { Title: spec.title, Producer: 'RPB', Creator: 'RPB' };
    if (spec.author !== undefined) info.Author = spec.author;
    if (spec.subject !== undefined) info.Subject = spec.subject;
    if (spec.createdAt !== undefined) {
      if (Number.isNaN(spec.createdAt.getTime())) throw new RangeError('invalid createdAt');
      info.CreationDate = spec.createdAt;
    }
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'portrait',
      margins: MARGIN,
      bufferPages: true, // page numbers "n of m" are written once m is known
      info,
      lang: spec.language === 'id' ? 'id-ID' : 'en',
      displayTitle: true,
      font: REGULAR,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const writer = new Writer(doc, spec);
    writer.letterhead();
    for (const block of spec.blocks) {
      switch (block.kind) {
        case 'heading':
          writer.heading(block);
          break;
        case 'paragraph':
          writer.paragraph(block);
          break;
        case 'fields':
          writer.fields(block.rows);
          break;
        case 'table':
          writer.table(block);
          break;
        case 'qr':
          writer.qr(block);
          break;
        case 'signature':
          writer.signature(block);
          break;
        case 'spacer':
          writer.spacer(block.height);
          break;
        case 'pageBreak':
          writer.pageBreak();
          break;
      }
    }
    writer.footers();
    doc.end();
  });
}
