import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ConnectionStatus } from '../../realtime/connection-state';
import { STATUS_TEXT } from './connection-status';

/** Compact header badge: coloured dot and one word, detail in the tooltip. */
@Component({
  selector: 'tp-connection-status-badge',
  template: `
    <span
      class="connection connection--badge connection--{{ status() }}"
      data-testid="connection-status"
      [attr.data-status]="status()"
      [title]="text().detail"
    >
      <span class="dot" aria-hidden="true"></span>
      <span class="label">{{ text().short }}</span>
    </span>
  `,
  styleUrl: './connection-status.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionStatusBadgeComponent {
  readonly status = input.required<ConnectionStatus>();

  protected readonly text = computed(() => STATUS_TEXT[this.status()]);
}
