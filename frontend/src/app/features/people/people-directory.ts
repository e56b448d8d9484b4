import { Injectable, computed, inject, signal } from '@angular/core';
import type { TaskShare } from '../../core/api/api.types';
import { AuthService } from '../../core/auth/auth.service';
import { TeamsStore } from '../teams';

/** Names for user ids, from what the client already knows: me, team members, people on share lists. */
@Injectable({ providedIn: 'root' })
export class PeopleDirectory {
  private readonly auth = inject(AuthService);
  private readonly teams = inject(TeamsStore);
  private readonly fromShares = signal<ReadonlyMap<string, string>>(new Map());
  private readonly names = computed(() => {
    const names = new Map(this.fromShares());
    for (const team of this.teams.teams()) {
      for (const member of team.members) {
        names.set(member.userId, member.name);
      }
    }
    return names;
  });

  /** Everyone known here but me, by name: the people a list can be filtered by. */
  readonly others = computed(() =>
    [...this.names()]
      .filter(([id]) => id !== this.auth.userId())
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );

  /** "You" for me, the person's name when known, else "Someone". */
  nameOf(userId: string | null | undefined): string {
    if (userId && userId === this.auth.userId()) {
      return 'You';
    }
    return (userId && this.names().get(userId)) || 'Someone';
  }

  rememberShares(shares: readonly TaskShare[]): void {
    this.remember(shares.map((share) => ({ id: share.userId, name: share.name })));
  }

  /** Names met elsewhere: event actors, comment authors, history entries. */
  remember(people: readonly { id: string; name: string }[]): void {
    const fresh = people.filter((person) => person.name && this.fromShares().get(person.id) !== person.name);
    if (fresh.length) {
      this.fromShares.update((names) => new Map([...names, ...fresh.map((person) => [person.id, person.name] as const)]));
    }
  }

  reset(): void {
    this.fromShares.set(new Map());
  }
}
