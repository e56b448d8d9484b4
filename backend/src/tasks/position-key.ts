import { randomInt } from 'node:crypto';

/**
 * Fractional order keys for the board: strings that sort by byte order (SQLite's BINARY, PostgreSQL's "C"
 * collation, JavaScript's `<`), so a card moves by taking a key between its new neighbours and no other card is
 * renumbered. A key is an integer part (its first character tells its length: `a0`…`az`, `b00`…, or `Zz`… going
 * down) and a fraction in base 62 that never ends with `0`. Appending at an end grows keys logarithmically.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SMALLEST_INTEGER = `A${'0'.repeat(26)}`;
const FIRST_KEY = 'a0';

function integerLength(head: string): number {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 'a'.charCodeAt(0) + 2;
  if (head >= 'A' && head <= 'Z') return 'Z'.charCodeAt(0) - head.charCodeAt(0) + 2;
  throw new Error(`invalid order key head: ${head}`);
}

function integerPart(key: string): string {
  const length = integerLength(key[0]);
  if (length > key.length) throw new Error(`invalid order key: ${key}`);
  return key.slice(0, length);
}

export function isValidKey(key: string): boolean {
  try {
    if (key === SMALLEST_INTEGER || /[^0-9A-Za-z]/.test(key)) return false;
    const fraction = key.slice(integerPart(key).length);
    return !fraction.endsWith('0');
  } catch {
    return false;
  }
}

/** A fraction strictly between `a` and `b` (null: 1), neither ending with `0`. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a ? DIGITS.indexOf(a[0]) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b[0]) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS[Math.round((digitA + digitB) / 2)];
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA] + midpoint(a.slice(1), null);
}

function incrementInteger(x: string): string | null {
  const [head, ...digits] = x.split('');
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = DIGITS.indexOf(digits[i]) + 1;
    if (d < DIGITS.length) {
      digits[i] = DIGITS[d];
      return head + digits.join('');
    }
    digits[i] = '0';
  }
  if (head === 'Z') return 'a0';
  if (head === 'z') return null;
  const next = String.fromCharCode(head.charCodeAt(0) + 1);
  if (next > 'a') digits.push('0');
  else digits.pop();
  return next + digits.join('');
}

function decrementInteger(x: string): string | null {
  const [head, ...digits] = x.split('');
  const top = DIGITS[DIGITS.length - 1];
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = DIGITS.indexOf(digits[i]) - 1;
    if (d >= 0) {
      digits[i] = DIGITS[d];
      return head + digits.join('');
    }
    digits[i] = top;
  }
  if (head === 'a') return `Z${top}`;
  if (head === 'A') return null;
  const next = String.fromCharCode(head.charCodeAt(0) - 1);
  if (next < 'Z') digits.push(top);
  else digits.pop();
  return next + digits.join('');
}

/** A key strictly between `a` and `b` (null: open end); `a < b` when both are given. */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) throw new Error(`order keys out of order: ${a} >= ${b}`);
  if (a === null) {
    if (b === null) return FIRST_KEY;
    const ib = integerPart(b);
    if (ib === SMALLEST_INTEGER) return ib + midpoint('', b.slice(ib.length));
    if (ib < b) return ib;
    const lower = decrementInteger(ib);
    if (lower === null) throw new Error('cannot decrement any more');
    return lower;
  }
  const ia = integerPart(a);
  const fa = a.slice(ia.length);
  if (b === null) return incrementInteger(ia) ?? ia + midpoint(fa, null);
  const ib = integerPart(b);
  if (ia === ib) return ia + midpoint(fa, b.slice(ib.length));
  const next = incrementInteger(ia);
  if (next === null) throw new Error('cannot increment any more');
  return next < b ? next : ia + midpoint(fa, null);
}

/** Four random base-62 digits, the last never `0`: what keeps two writers choosing the same gap apart. */
export function randomSuffix(): string {
  let suffix = '';
  for (let i = 0; i < 3; i++) suffix += DIGITS[randomInt(DIGITS.length)];
  return suffix + DIGITS[1 + randomInt(DIGITS.length - 1)];
}

/**
 * A key strictly between `a` and `b` that ends with `suffix`, so that two writers who read the same neighbours at
 * once (without waiting for each other) still choose different keys, both in the gap.
 */
export function uniqueKeyBetween(a: string | null, b: string | null, suffix = randomSuffix()): string {
  let key = keyBetween(a, b);
  // key + suffix stays below b unless key is a prefix of b; then step further into the gap first.
  while (b !== null && key + suffix >= b) key = keyBetween(key, b);
  return key + suffix;
}
