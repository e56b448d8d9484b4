import { compileSql } from './sql-params';

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
