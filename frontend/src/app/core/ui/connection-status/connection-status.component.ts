import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ConnectionView } from '../../realtime/connection-state';
import { connectionText } from './connection-status';

/** The one connection indicator, in the header: a coloured dot and what it means; changes are announced politely. */
@Component({
  selector: 'tp-connection-status',
  templateUrl: './connection-status.component.html',
  styleUrl: './connection-status.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionStatusComponent {
  readonly view = input.required<ConnectionView>();

  protected readonly text = computed(() => connectionText(this.view()));
}
