/** The rules of `field-rules.ts` as reactive-form validators; the error is always `{ problem: Problem }`. */
import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { type LengthRule, type Problem, checkEmail, checkLength, normaliseEmail } from './field-rules';

function asErrors(problem: Problem | null): ValidationErrors | null {
  return problem ? { problem } : null;
}

export function lengthOf(rule: LengthRule): ValidatorFn {
  return (control: AbstractControl) => asErrors(checkLength(String(control.value ?? ''), rule));
}

export function emailAddress(): ValidatorFn {
  return (control: AbstractControl) => asErrors(checkEmail(String(control.value ?? '')));
}

/** An email address that must not be `own()` (sharing a task with yourself). */
export function notOwnEmail(own: () => string | null | undefined): ValidatorFn {
  return (control: AbstractControl) => {
    const mine = own();
    return mine && normaliseEmail(String(control.value ?? '')) === normaliseEmail(mine) ? asErrors({ kind: 'self' }) : null;
  };
}

export function problemOf(control: AbstractControl | null): Problem | null {
  return (control?.errors?.['problem'] as Problem | undefined) ?? null;
}
