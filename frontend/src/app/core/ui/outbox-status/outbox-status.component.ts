import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Outbox } from '../../storage/outbox';

/** "3 changes waiting" in the header while changes are queued; changes the server refused, until dismissed. */
@Component({
  selector: 'tp-outbox-status',
  templateUrl: './outbox-status.component.html',
  styleUrl: './outbox-status.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutboxStatusComponent {
  protected readonly outbox = inject(Outbox);
  protected readonly waiting = computed(() => {
    const size = this.outbox.size();
    return size === 0 ? '' : size === 1 ? '1 change waiting' : `${size} changes waiting`;
  });
}
