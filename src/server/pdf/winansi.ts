/**
 * Making text safe for PDF's standard fonts (Helvetica), which use WinAnsiEncoding
 * (Windows-1252): printable ASCII, Latin-1 (U+00A0–U+00FF) and 27 extra characters such as
 * € – — ‘ ’ “ ” • … ™ Š Ž Œ. That covers Indonesian (and English) text completely. pdfkit
 * writes any other character as its UTF-16 code split into bytes, so without this "≤" or an
 * emoji would print as unrelated glyphs — worse than an honest "?".
 */

/** Unicode characters beyond Latin-1 that WinAnsiEncoding has (codes 0x80–0x9F). */
const WIN_ANSI_EXTRA = new Set(
  '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.split('').map((c) => c.codePointAt(0) ?? 0),
);

function isWinAnsi(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);
}

/**
 * Readable replacements for common characters outside WinAnsi (what a typist would write).
 * Checked before the generic decomposition, which would lose meaning (e.g. μ → ?).
 */
const REPLACEMENTS: Record<string, string> = {
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '≈': '~',
  '∼': '~',
  '−': '-', // minus sign
  '‐': '-', // hyphen
  '‑': '-', // non-breaking hyphen
  '‒': '-', // figure dash
  '―': '—',
  '′': "'",
  '″': '"',
  '‛': '‘',
  '‟': '“',
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '∙': '·',
  '‧': '·',
  '⋅': '·',
  μ: 'µ', // Greek mu → micro sign (µg, µm)
  '✓': 'v',
  '✔': 'v',
  '✗': 'x',
  '✘': 'x',
  '\u2007': '\u00a0', // figure space: non-breaking
  '\u202f': '\u00a0', // narrow no-break space (French/SI number grouping)
};

/**
 * Invisible characters, dropped: zero-width space/joiners, word joiner, BOM, variation
 * selectors (emoji vs text style: "✔️" → "✔" → "v") and the soft hyphen (invisible unless a
 * line breaks there, and lines never break there here).
 */
const INVISIBLE = /[\u200b-\u200d]|\u2060|\ufeff|\u00ad|[\ufe00-\ufe0f]/g;

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SIMPLE = /^[\x20-\x7e\n]*$/;
const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

function replaceCluster(cluster: string): string {
  const bare = cluster.normalize('NFC').replace(INVISIBLE, '');
  if (bare === '') return '';
  const replacement = REPLACEMENTS[bare];
  if (replacement !== undefined) return replacement;
  if ([...bare].every(isWinAnsi)) return bare;
  // Unicode spaces (U+2000–U+200A, ideographic space …) become a plain space.
  if (/^\s$/u.test(bare)) return ' ';
  // Compatibility decomposition without accents: ő → o, ﬁ → fi, ⁴ → 4, ℃ → °C, Ｒ → R.
  const decomposed = bare.normalize('NFKD').replace(COMBINING_MARKS, '');
  if (decomposed.length > 0 && [...decomposed].every(isWinAnsi)) return decomposed;
  return '?';
}

/**
 * Returns `text` using only characters that Helvetica can print under WinAnsiEncoding, plus
 * `\n` for line breaks. How, per user-perceived character (grapheme cluster):
 *
 * 1. Line breaks (CRLF, CR, U+2028/9) become `\n`; a tab becomes a space; other control
 *    characters are dropped.
 * 2. Composed to NFC, so "e" + combining acute becomes "é" (in Latin-1) rather than two
 *    glyphs; invisible characters (zero-width space and joiners, word joiner, BOM, variation
 *    selectors, soft hyphen) are dropped.
 * 3. A readable replacement from a small table if it has one: ≤ → "<=", ≥ → ">=", − → "-",
 *    μ → "µ", → → "->", ✓ → "v", narrow no-break space → no-break space.
 * 4. Kept when every character is in WinAnsi; other Unicode spaces become a plain space.
 * 5. Otherwise its compatibility decomposition without combining accents, if that fits
 *    (ő → "o", ﬁ → "fi", ℃ → "°C", full-width letters → ASCII).
 * 6. Otherwise "?" — one per cluster, so an emoji (even a ZWJ family or a flag) or a
 *    character of another script becomes a single "?".
 */
export function toWinAnsi(text: string): string {
  const normalized = text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ');
  if (SIMPLE.test(normalized)) return normalized;
  let out = '';
  for (const { segment } of segmenter.segment(normalized)) {
    if (segment === '\n') out += '\n';
    // eslint-disable-next-line no-control-regex
    else if (/^[\u0000-\u001f\u007f-\u009f]+$/.test(segment)) continue;
    else out += replaceCluster(segment);
  }
  return out;
}
