import { signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { problemOf } from './field-validators';
import { type Field, describeProblem } from './problem-messages';

/**
 * The messages a form shows beside its fields. Quiet until the first submit; from then on each message
 * follows its field as it is edited. `fields` lists the controls in the order they appear on screen.
 */
export class FormProblems<K extends string> {
  private readonly shown = signal<Partial<Record<K, string>>>({});
  private following = false;

  readonly messages = this.shown.asReadonly();

  constructor(
    private readonly form: FormGroup,
    private readonly fields: Readonly<Record<K, Field>>,
  ) {
    form.valueChanges.subscribe(() => {
      if (this.following) this.shown.set(this.collect());
    });
  }

  /** Shows every field's problem; returns the first field (in screen order) that has one, else null. */
  check(): K | null {
    this.following = true;
    const messages = this.collect();
    this.shown.set(messages);
    return this.keys().find((key) => messages[key]) ?? null;
  }

  message(key: K): string | null {
    return this.shown()[key] ?? null;
  }

  /** A problem the server found with one field (until that field is edited). */
  show(key: K, message: string): void {
    this.shown.update((shown) => ({ ...shown, [key]: message }));
  }

  reset(): void {
    this.following = false;
    this.shown.set({});
  }

  private keys(): K[] {
    return Object.keys(this.fields) as K[];
  }

  private collect(): Partial<Record<K, string>> {
    const messages: Partial<Record<K, string>> = {};
    for (const key of this.keys()) {
      const problem = problemOf(this.form.get(key));
      if (problem) messages[key] = describeProblem(this.fields[key], problem);
    }
    return messages;
  }
}
