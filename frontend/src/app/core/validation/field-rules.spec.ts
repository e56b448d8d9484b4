import validatorIsEmail from 'validator/lib/isEmail';
import validatorIsLength from 'validator/lib/isLength';
import { RULES, characterCount, checkEmail, checkLength } from './field-rules';

describe('field rules (the server DTOs, checked before sending)', () => {
  describe('length, counted as class-validator counts it', () => {
    it.each(['plain', '🚀 launch', 'e\u0301', '❤️', '👩‍💻 pairing', 'x'.repeat(200)])('counts %p the way @Length does', (value) => {
      const count = characterCount(value);

      expect(validatorIsLength(value, { min: count, max: count })).toBe(true);
      expect(validatorIsLength(value, { min: 0, max: count - 1 })).toBe(false);
    });

    it('accepts a title of 1 to 200 characters, trimmed like the server trims it', () => {
      expect(checkLength('a', RULES.title)).toBeNull();
      expect(checkLength(`  ${'a'.repeat(200)}  `, RULES.title)).toBeNull();
      expect(checkLength('   ', RULES.title)).toEqual({ kind: 'empty' });
      expect(checkLength('a'.repeat(201), RULES.title)).toEqual({ kind: 'tooLong', max: 200, actual: 201 });
    });

    it('counts an emoji title as the server does: 200 rockets fit', () => {
      expect(checkLength('🚀'.repeat(200), RULES.title)).toBeNull();
    });

    it('limits a description to 10,000 characters, untrimmed, and allows it empty', () => {
      expect(checkLength('', RULES.description)).toBeNull();
      expect(checkLength('x'.repeat(10_000), RULES.description)).toBeNull();
      expect(checkLength('x'.repeat(10_001), RULES.description)).toEqual({ kind: 'tooLong', max: 10_000, actual: 10_001 });
    });

    it('wants a name of 1 to 80 characters and a password of 8 to 128', () => {
      expect(checkLength('', RULES.name)).toEqual({ kind: 'empty' });
      expect(checkLength('n'.repeat(81), RULES.name)).toEqual({ kind: 'tooLong', max: 80, actual: 81 });
      expect(checkLength('', RULES.password)).toEqual({ kind: 'empty' });
      expect(checkLength('1234567', RULES.password)).toEqual({ kind: 'tooShort', min: 8 });
      expect(checkLength('12345678', RULES.password)).toBeNull();
      expect(checkLength('p'.repeat(129), RULES.password)).toEqual({ kind: 'tooLong', max: 128, actual: 129 });
    });
  });

  describe('email, as @IsEmail() accepts it', () => {
    it.each([
      'ada@example.com',
      ' ADA@Example.COM ',
      'ada.lovelace+tasks@mail.example.co.uk',
      'ada@localhost',
      'ada@example',
      'ada@@example.com',
      'ada example@example.com',
      'ada@example..com',
      'ada@-example.com',
      'ada',
      '',
      'ada@192.168.0.1',
      'ada_lovelace@example.com',
      'ada@exämple.com',
    ])('agrees with validator.js isEmail on %p', (value) => {
      const normalised = value.trim().toLowerCase();

      expect(checkEmail(value) === null).toBe(normalised.length > 0 && validatorIsEmail(normalised));
    });

    it('says when only the dot in the domain is missing (ada@localhost)', () => {
      expect(checkEmail('ada@localhost')).toEqual({ kind: 'email', needsDot: true });
      expect(checkEmail('ada')).toEqual({ kind: 'email', needsDot: false });
      expect(checkEmail('  ')).toEqual({ kind: 'empty' });
    });
  });
});
