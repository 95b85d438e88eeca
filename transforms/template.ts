/**
 * The whole templating language of sql/ files: `{{ call(args…) }}` where a call names a helper
 * and its arguments are quoted strings, numbers or nested calls. No conditionals, loops or
 * variables: models stay plain SQL a reader can follow, and everything engine-specific is a
 * named helper (see dialects/).
 */

export type TemplateValue = string;
export type TemplateFunction = (...args: TemplateValue[]) => TemplateValue;
export type TemplateFunctions = Readonly<Record<string, TemplateFunction>>;

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

type Expr = { kind: 'literal'; value: string } | { kind: 'call'; name: string; args: Expr[] };

/** Recursive-descent parser over one `{{ … }}` body. */
class ExprParser {
  #pos = 0;
  constructor(readonly text: string) {}

  parse(): Expr {
    const e = this.#expr();
    this.#ws();
    if (this.#pos < this.text.length) this.#fail(`unexpected "${this.text.slice(this.#pos, this.#pos + 10)}"`);
    return e;
  }

  #ws(): void {
    while (this.#pos < this.text.length && /\s/.test(this.text[this.#pos]!)) this.#pos++;
  }

  #fail(msg: string): never {
    throw new TemplateError(`in {{ ${this.text.trim()} }}: ${msg}`);
  }

  #expr(): Expr {
    this.#ws();
    const ch = this.text[this.#pos];
    if (ch === "'" || ch === '"') return { kind: 'literal', value: this.#string(ch) };
    const num = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.#pos));
    if (num) {
      this.#pos += num[0].length;
      return { kind: 'literal', value: num[0] };
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.#pos));
    if (!ident) this.#fail('expected a quoted string, a number or a helper call');
    this.#pos += ident[0].length;
    this.#ws();
    if (this.text[this.#pos] !== '(') this.#fail(`expected "(" after ${ident[0]}`);
    this.#pos++;
    const args: Expr[] = [];
    this.#ws();
    if (this.text[this.#pos] === ')') {
      this.#pos++;
      return { kind: 'call', name: ident[0], args };
    }
    for (;;) {
      args.push(this.#expr());
      this.#ws();
      const sep = this.text[this.#pos];
      this.#pos++;
      if (sep === ')') break;
      if (sep !== ',') this.#fail(`expected "," or ")" in the arguments of ${ident[0]}`);
    }
    return { kind: 'call', name: ident[0], args };
  }

  /** Quoted string; the quote character is escaped by doubling it, as in SQL. */
  #string(quote: string): string {
    let out = '';
    this.#pos++;
    for (;;) {
      if (this.#pos >= this.text.length) this.#fail('unterminated string');
      const c = this.text[this.#pos++]!;
      if (c === quote) {
        if (this.text[this.#pos] === quote) {
          out += quote;
          this.#pos++;
          continue;
        }
        return out;
      }
      out += c;
    }
  }
}

function evaluate(e: Expr, fns: TemplateFunctions, source: string): string {
  if (e.kind === 'literal') return e.value;
  const fn = Object.hasOwn(fns, e.name) ? fns[e.name] : undefined;
  if (!fn) throw new TemplateError(`unknown helper ${e.name}() in {{ ${source.trim()} }}; expected one of ${Object.keys(fns).sort().join(', ')}`);
  return fn(...e.args.map((a) => evaluate(a, fns, source)));
}

/** A template error located at `offset` in `sql`, by line. */
function located(sql: string, offset: number, message: string): TemplateError {
  return new TemplateError(`line ${sql.slice(0, offset).split('\n').length}: ${message}`);
}

/** Each `{{ … }}` of `sql`, parsed, with where it starts and ends. */
function* blocks(sql: string): Generator<{ expr: Expr; source: string; start: number; end: number }> {
  const re = /\{\{([\s\S]*?)\}\}/g;
  let last = 0;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    let expr: Expr;
    try {
      expr = new ExprParser(m[1]!).parse();
    } catch (err) {
      throw located(sql, m.index, (err as Error).message);
    }
    yield { expr, source: m[1]!, start: m.index, end: (last = m.index + m[0].length) };
  }
  const open = sql.indexOf('{{', last);
  if (open >= 0) throw located(sql, open, '"{{" without a closing "}}"');
}

/** Replaces every `{{ … }}` in `sql` with what its helper returns. Errors carry the line number. */
export function renderTemplate(sql: string, fns: TemplateFunctions): string {
  let out = '';
  let last = 0;
  for (const b of blocks(sql)) {
    out += sql.slice(last, b.start);
    try {
      out += evaluate(b.expr, fns, b.source);
    } catch (err) {
      throw located(sql, b.start, (err as Error).message);
    }
    last = b.end;
  }
  return out + sql.slice(last);
}

/** Every helper call in `sql`, nested ones too, with its literal arguments (a nested call's is ''), without evaluating any. */
export function helperCalls(sql: string): { name: string; args: string[] }[] {
  const out: { name: string; args: string[] }[] = [];
  const walk = (e: Expr): void => {
    if (e.kind === 'literal') return;
    out.push({ name: e.name, args: e.args.map((a) => (a.kind === 'literal' ? a.value : '')) });
    e.args.forEach(walk);
  };
  for (const b of blocks(sql)) walk(b.expr);
  return out;
}
