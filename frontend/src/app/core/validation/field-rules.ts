/**
 * The server's input rules (class-validator on its DTOs, see API.md), checked before a request is sent, so a
 * form says what is wrong instead of sending something the server will refuse. Same limits, same length
 * count and the same email check (validator.js `isEmail`, which `@IsEmail()` calls with these defaults).
 */
import isEmail from 'validator/es/lib/isEmail';

/** What is wrong with one value; `problem-messages.ts` words it for people. */
export type Problem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'tooShort'; readonly min: number }
  | { readonly kind: 'tooLong'; readonly max: number; readonly actual?: number }
  | { readonly kind: 'email'; readonly needsDot: boolean }
  | { readonly kind: 'self' };

export interface LengthRule {
  readonly min: number;
  readonly max: number;
  /** The server trims this field before it checks the length (class-transformer `@Transform(trim)`). */
  readonly trimmed: boolean;
}

export const RULES = {
  title: { min: 1, max: 200, trimmed: true },
  description: { min: 0, max: 10_000, trimmed: false },
  /** A person's name and a team's name alike. */
  name: { min: 1, max: 80, trimmed: true },
  password: { min: 8, max: 128, trimmed: false },
  email: { min: 1, max: 254, trimmed: true },
} as const satisfies Record<string, LengthRule>;

/**
 * Characters as class-validator counts them (validator.js `isLength`): a surrogate pair (most emoji) is one,
 * and so is a character with a variation selector.
 */
export function characterCount(value: string): number {
  const presentationSequences = value.match(/[^\uFE0F\uFE0E][\uFE0F\uFE0E]/g) ?? [];
  const surrogatePairs = value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) ?? [];
  return value.length - presentationSequences.length - surrogatePairs.length;
}

export function checkLength(raw: string, rule: LengthRule): Problem | null {
  const value = rule.trimmed ? raw.trim() : raw;
  const count = characterCount(value);
  if (count === 0 && rule.min > 0) return { kind: 'empty' };
  if (count < rule.min) return { kind: 'tooShort', min: rule.min };
  if (count > rule.max) return { kind: 'tooLong', max: rule.max, actual: count };
  return null;
}

/** The server lower-cases and trims an email before `@IsEmail()`; so does this. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function checkEmail(raw: string): Problem | null {
  const value = normaliseEmail(raw);
  const length = checkLength(value, RULES.email);
  if (length) return length;
  if (isEmail(value)) return null;
  // `ada@localhost`: a well-formed address whose domain has no dot (no top-level domain), which the server refuses.
  const domain = value.slice(value.lastIndexOf('@') + 1);
  return { kind: 'email', needsDot: value.includes('@') && domain.length > 0 && !domain.includes('.') };
}
