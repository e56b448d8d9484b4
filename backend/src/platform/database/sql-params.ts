/**
 * SQL with `:name` parameters (and `:...name` for a list), compiled once per text into what each driver takes:
 * `?` for SQLite, `$1, $2…` for PostgreSQL. Quoted strings, quoted identifiers, comments and PostgreSQL's `::type`
 * casts are left alone.
 */
/** Named values; any object whose properties name the parameters (an entity, say). */
export type SqlParams = object;
export type Dialect = 'sqlite' | 'postgres';

interface Part {
  text: string;
  /** The parameter that follows `text`, if any. */
  name: string | null;
  spread: boolean;
}

export interface CompiledSql {
  text: string;
  values: unknown[];
}

interface Parsed {
  parts: Part[];
  /** The parameter names in order, when there is no list parameter (whose count of places varies). */
  names: string[] | null;
  /** The compiled text per dialect, when `names` is set: the same string each time, so a statement cache hashes it once. */
  compiled: Partial<Record<Dialect, string>>;
}

const cache = new Map<string, Parsed>();
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function parse(sql: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  const copyUntil = (end: string) => {
    const stop = sql.indexOf(end, i + 1);
    const to = stop === -1 ? sql.length : stop + end.length;
    text += sql.slice(i, to);
    i = to;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') copyUntil(c);
    else if (c === '-' && sql[i + 1] === '-') copyUntil('\n');
    else if (c === '/' && sql[i + 1] === '*') copyUntil('*/');
    else if (c === ':' && sql[i + 1] === ':') {
      text += '::';
      i += 2;
    } else if (c === ':') {
      const spread = sql.startsWith('...', i + 1);
      NAME.lastIndex = i + 1 + (spread ? 3 : 0);
      const match = NAME.exec(sql);
      if (!match) {
        text += c;
        i += 1;
        continue;
      }
      parts.push({ text, name: match[0], spread });
      text = '';
      i = NAME.lastIndex;
    } else {
      text += c;
      i += 1;
    }
  }
  parts.push({ text, name: null, spread: false });
  return parts;
}

/** SQLite stores booleans as integers and knows no `undefined`. */
function bindable(value: unknown, dialect: Dialect): unknown {
  if (value === undefined) return null;
  if (dialect === 'sqlite' && typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function parsed(sql: string): Parsed {
  let entry = cache.get(sql);
  if (!entry) {
    const parts = parse(sql);
    const names = parts.some((part) => part.spread) ? null : parts.flatMap((part) => (part.name === null ? [] : [part.name]));
    entry = { parts, names, compiled: {} };
    cache.set(sql, entry);
  }
  return entry;
}

function valueOf(named: Record<string, unknown>, name: string): unknown {
  if (!(name in named)) throw new Error(`SQL parameter :${name} has no value`);
  return named[name];
}

export function compileSql(sql: string, params: SqlParams, dialect: Dialect): CompiledSql {
  const { names, compiled } = parsed(sql);
  if (names !== null) {
    const named = params as Record<string, unknown>;
    const values = names.map((name) => bindable(valueOf(named, name), dialect));
    let n = 0;
    const text = (compiled[dialect] ??= render(sql, params, () => (dialect === 'postgres' ? `$${++n}` : '?')));
    return { text, values };
  }
  const values: unknown[] = [];
  const text = render(sql, params, (value) => {
    values.push(bindable(value, dialect));
    return dialect === 'postgres' ? `$${values.length}` : '?';
  });
  return { text, values };
}

/**
 * The same SQL with every parameter written out as a literal by `quote` (PostgreSQL's simple protocol, which takes
 * several statements in one message but no parameters). `quote` must escape what it is given.
 */
export function inlineSql(sql: string, params: SqlParams, quote: (value: unknown) => string): string {
  return render(sql, params, (value) => quote(value === undefined ? null : value));
}

/** `sql` with each parameter replaced by what `place` answers for its value (each item of a list, comma-separated). */
function render(sql: string, params: SqlParams, place: (value: unknown) => string): string {
  let text = '';
  const named = params as Record<string, unknown>;
  for (const part of parsed(sql).parts) {
    text += part.text;
    if (part.name === null) continue;
    const value = valueOf(named, part.name);
    if (!part.spread) {
      text += place(value);
      continue;
    }
    if (!Array.isArray(value) || value.length === 0) throw new Error(`SQL list parameter :...${part.name} must be a non-empty array`);
    text += value.map((item) => place(item)).join(', ');
  }
  return text;
}
