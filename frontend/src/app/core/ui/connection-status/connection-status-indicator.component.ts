import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ConnectionStatus } from '../../realtime/connection-state';
import { STATUS_TEXT, realtimeModeText } from './connection-status';

/** Dot + "Real-time updates active" / "Using polling fallback"; changes are announced politely. */
@Component({
  selector: 'tp-connection-status-indicator',
  templateUrl: './connection-status-indicator.component.html',
  styleUrl: './connection-status.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionStatusIndicatorComponent {
  readonly status = input.required<ConnectionStatus>();

  protected readonly text = computed(() => STATUS_TEXT[this.status()]);
  protected readonly mode = computed(() => realtimeModeText(this.status()));
}
