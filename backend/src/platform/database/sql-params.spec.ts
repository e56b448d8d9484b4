import { compileSql, inlineSql } from './sql-params';

describe('compileSql', () => {
  it('numbers PostgreSQL parameters and repeats a value for each use', () => {
    const sut = compileSql('SELECT * FROM t WHERE a = :a AND (b = :b OR c = :a)', { a: 1, b: 'x' }, 'postgres');
    expect(sut).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND (b = $2 OR c = $3)', values: [1, 'x', 1] });
  });

  it('uses ? for SQLite and stores booleans and undefined as SQLite can', () => {
    const sut = compileSql('UPDATE t SET done = :done, note = :note WHERE id = :id', { done: true, note: undefined, id: 'k' }, 'sqlite');
    expect(sut).toEqual({ text: 'UPDATE t SET done = ?, note = ? WHERE id = ?', values: [1, null, 'k'] });
  });

  it('spreads a list parameter', () => {
    expect(compileSql('SELECT 1 WHERE id IN (:...ids)', { ids: ['a', 'b', 'c'] }, 'postgres')).toEqual({
      text: 'SELECT 1 WHERE id IN ($1, $2, $3)',
      values: ['a', 'b', 'c'],
    });
    expect(() => compileSql('SELECT 1 WHERE id IN (:...ids)', { ids: [] }, 'sqlite')).toThrow(/non-empty array/);
  });

  it('leaves strings, quoted identifiers, comments and casts alone', () => {
    const sql = `SELECT ':no', "a:b", x::text -- :not
      FROM t /* :neither */ WHERE y = :yes ESCAPE '\\'`;
    const sut = compileSql(sql, { yes: 2 }, 'postgres');
    expect(sut.values).toEqual([2]);
    expect(sut.text).toContain(`':no', "a:b", x::text -- :not`);
    expect(sut.text).toContain('/* :neither */ WHERE y = $1');
  });

  it('refuses a parameter without a value instead of binding null', () => {
    expect(() => compileSql('SELECT :missing', {}, 'sqlite')).toThrow(':missing has no value');
  });
});

describe('inlineSql', () => {
  const quote = (value: unknown) =>
    value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;

  it('writes each value, and each item of a list, as the literal `quote` makes of it', () => {
    const sut = inlineSql(
      'UPDATE t SET note = :note, n = :n WHERE id IN (:...ids) AND gone = :gone',
      { note: "it's $1", n: 3, ids: ['a', 'b'], gone: undefined },
      quote,
    );
    expect(sut).toBe("UPDATE t SET note = 'it''s $1', n = 3 WHERE id IN ('a', 'b') AND gone = NULL");
  });

  it('leaves a "$1" or a ":name" inside the statement\'s own quotes alone', () => {
    expect(inlineSql("SELECT '$1', ':x', x::text FROM t WHERE y = :y", { y: 'v' }, quote)).toBe(
      "SELECT '$1', ':x', x::text FROM t WHERE y = 'v'",
    );
  });
});
