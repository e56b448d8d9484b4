import { Injectable } from '@angular/core';
import { randomId } from './random-id';

const REMEMBERED = 500;

/** Ids sent as `X-Mutation-Id`, so the echo of our own change (`data.mutation_id`) can be recognised. */
@Injectable({ providedIn: 'root' })
export class MutationIds {
  private readonly issued = new Set<string>();

  issue(): string {
    const id = randomId();
    this.remember(id);
    return id;
  }

  /** An id made elsewhere (the outbox's, kept across reloads) whose echo is ours too. */
  remember(id: string): void {
    this.issued.delete(id);
    this.issued.add(id);
    if (this.issued.size > REMEMBERED) {
      this.issued.delete(this.issued.values().next().value as string);
    }
  }

  isOwn(id: string | null | undefined): boolean {
    return !!id && this.issued.has(id);
  }
}
