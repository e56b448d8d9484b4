import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { PresenceUser } from '@taskpulse/contract';
import { PresenceService } from '../../realtime/presence.service';

const FIELD_NAMES: Readonly<Record<string, string>> = {
  title: 'the title',
  description: 'the description',
  priority: 'the priority',
  dueDate: 'the due date',
  teamId: 'the team',
  status: 'the status',
};

/** "Ben Okafor is editing the title": one line per person. */
export function presenceText(user: PresenceUser): string {
  if (user.state === 'viewing') return `${user.name} is viewing`;
  return user.field ? `${user.name} is editing ${FIELD_NAMES[user.field] ?? user.field}` : `${user.name} is editing`;
}

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase() || '?';
}

/** Who else is on a task right now (viewing, or editing which field); nothing when nobody is. */
@Component({
  selector: 'tp-presence',
  templateUrl: './presence.component.html',
  styleUrl: './presence.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PresenceComponent {
  private readonly presence = inject(PresenceService);
  readonly taskId = input.required<string>();

  protected readonly people = computed(() =>
    this.presence
      .usersOn(this.taskId())
      .map((user) => ({ id: user.user_id, state: user.state, initials: initialsOf(user.name), text: presenceText(user) })),
  );
}
