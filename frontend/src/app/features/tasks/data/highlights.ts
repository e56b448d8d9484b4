import { signal } from '@angular/core';

/** Ids of rows changed by someone else a moment ago; each one is highlighted for `durationMs`. */
export class Highlights {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly ids = signal<ReadonlySet<string>>(new Set());

  readonly current = this.ids.asReadonly();

  constructor(private readonly durationMs: number) {}

  add(id: string): void {
    clearTimeout(this.timers.get(id));
    this.ids.update((ids) => new Set(ids).add(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        this.ids.update((ids) => {
          const next = new Set(ids);
          next.delete(id);
          return next;
        });
      }, this.durationMs),
    );
  }

  clear(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.ids.set(new Set());
  }
}
