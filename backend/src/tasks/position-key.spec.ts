import { isValidKey, keyBetween, uniqueKeyBetween } from './position-key';

describe('board order keys', () => {
  it('appends and prepends forever with short, valid, ordered keys', () => {
    const keys: string[] = [keyBetween(null, null)];
    for (let i = 0; i < 5000; i++) keys.push(keyBetween(keys[keys.length - 1], null));
    for (let i = 0; i < 5000; i++) keys.unshift(keyBetween(null, keys[0]));
    expect(keys.every(isValidKey)).toBe(true);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(4);
  });

  it('always finds a key strictly between two neighbours, however often the same gap is split', () => {
    let low = 'a0';
    let high = 'a1';
    for (let i = 0; i < 200; i++) {
      const middle = keyBetween(low, high);
      expect(low < middle && middle < high && isValidKey(middle)).toBe(true);
      if (i % 2 === 0) low = middle;
      else high = middle;
    }
  });

  it('keeps two writers who read the same neighbours apart, both inside the gap', () => {
    const cases: Array<[string | null, string | null]> = [
      [null, null],
      ['a0', null],
      [null, 'a0'],
      ['a0', 'a1'],
      ['a0', 'a0V'],
      ['a0', 'a01'],
      ['a0V', 'a0V1'],
      ['Zz', 'a0'],
    ];
    for (const [low, high] of cases) {
      const one = uniqueKeyBetween(low, high, 'xy1');
      const other = uniqueKeyBetween(low, high, 'xy2');
      for (const key of [one, other]) {
        expect(isValidKey(key)).toBe(true);
        if (low !== null) expect(key > low).toBe(true);
        if (high !== null) expect(key < high).toBe(true);
      }
      expect(one).not.toBe(other);
    }
  });

  it('refuses keys that are not order keys', () => {
    expect(['', 'a', 'a00', 'b0', '#0', 'a0 '].map(isValidKey)).toEqual([false, false, false, false, false, false]);
    expect(() => keyBetween('a1', 'a0')).toThrow();
  });
});
