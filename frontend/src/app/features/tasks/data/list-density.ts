import { Injectable, signal } from '@angular/core';

export type Density = 'comfortable' | 'compact';

const KEY = 'taskpulse.list-density';

/** Comfortable rows (description, every action) or compact ones (one line each, 20+ on a laptop screen); kept per browser. */
@Injectable({ providedIn: 'root' })
export class ListDensity {
  private readonly state = signal<Density>(read());

  readonly value = this.state.asReadonly();

  set(density: Density): void {
    this.state.set(density);
    try {
      localStorage.setItem(KEY, density);
    } catch {
      // Storage refused (private mode, quota): the choice lasts for this page.
    }
  }
}

function read(): Density {
  try {
    return localStorage.getItem(KEY) === 'compact' ? 'compact' : 'comfortable';
  } catch {
    return 'comfortable';
  }
}
