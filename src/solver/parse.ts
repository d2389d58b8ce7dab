/** Shared tokeniser for the instance parsers: numbers with their 1-based line numbers. */

export class ParseError extends Error {
  override name = 'ParseError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export interface Token {
  text: string;
  line: number;
}

/** Splits text into whitespace-separated tokens; blank lines and `#` comment lines are skipped. */
export function tokenLines(text: string): Token[][] {
  const lines: Token[][] = [];
  const raw = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < raw.length; i++) {
    const trimmed = raw[i]!.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    lines.push(trimmed.split(/\s+/).map((t) => ({ text: t, line: i + 1 })));
  }
  return lines;
}

/** A reader over a flat token stream that reports errors with line numbers. */
export class TokenReader {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly lastLine: number,
  ) {}

  get done(): boolean {
    return this.pos >= this.tokens.length;
  }

  get line(): number {
    return this.tokens[this.pos]?.line ?? this.lastLine;
  }

  peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  /** Reads a non-negative integer described by `what`. */
  int(what: string, min = 0): number {
    const tok = this.tokens[this.pos];
    if (!tok) throw new ParseError(this.lastLine, `unexpected end of file, expected ${what}`);
    if (!/^[+-]?\d+$/.test(tok.text))
      throw new ParseError(tok.line, `expected ${what} (an integer), found "${tok.text}"`);
    const v = Number(tok.text);
    if (v < min) {
      throw new ParseError(
        tok.line,
        `${what} must be ${min === 0 ? 'non-negative' : `at least ${min}`}, found ${v}`,
      );
    }
    if (!Number.isSafeInteger(v))
      throw new ParseError(tok.line, `${what} is too large: ${tok.text}`);
    this.pos++;
    return v;
  }

  /** Reads any number (e.g. an average flexibility such as 1.5). */
  num(what: string): number {
    const tok = this.tokens[this.pos];
    if (!tok) throw new ParseError(this.lastLine, `unexpected end of file, expected ${what}`);
    const v = Number(tok.text);
    if (!Number.isFinite(v))
      throw new ParseError(tok.line, `expected ${what} (a number), found "${tok.text}"`);
    this.pos++;
    return v;
  }
}

/** The number of the last line that holds anything (where a truncated file ends). */
export function lastLineOf(text: string): number {
  const lines = text.split(/\r\n|\n|\r/);
  let last = lines.length;
  while (last > 1 && lines[last - 1]!.trim() === '') last--;
  return last;
}
