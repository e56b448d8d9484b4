import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import type { NotificationDto } from '@taskpulse/contract';
import { TeamsStore } from '../../teams';
import { NotificationsStore } from '../notifications.store';
import { notificationText } from './notification-text';

/** The header's bell: how many are unread, and a panel with the latest; opening one marks it read and goes there. */
@Component({
  selector: 'tp-notification-bell',
  imports: [DatePipe],
  templateUrl: './notification-bell.component.html',
  styleUrl: './notification-bell.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:click)': 'closeIfOutside($event)', '(keydown.escape)': 'close()' },
})
export class NotificationBellComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly router = inject(Router);
  private readonly teams = inject(TeamsStore);
  private readonly injector = inject(Injector);
  private readonly button = viewChild.required<ElementRef<HTMLButtonElement>>('button');

  protected readonly store = inject(NotificationsStore);
  protected readonly open = signal(false);
  protected readonly label = computed(() => {
    const unread = this.store.unread();
    return unread ? `Notifications, ${unread} unread` : 'Notifications';
  });
  protected readonly shown = computed(() =>
    this.store.items().map((notification) => ({
      notification,
      text: notificationText(notification, this.store.titleOf(notification.taskId), this.teams.nameOf(notification.teamId)),
    })),
  );

  protected toggle(): void {
    this.open.set(!this.open());
    if (this.open()) {
      afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#notifications-heading')?.focus(), {
        injector: this.injector,
      });
    }
  }

  protected close(): void {
    if (!this.open()) return;
    this.open.set(false);
    this.button().nativeElement.focus();
  }

  protected closeIfOutside(event: Event): void {
    if (this.open() && event.target instanceof Node && !this.host.nativeElement.contains(event.target)) {
      this.open.set(false);
    }
  }

  protected go(notification: NotificationDto): void {
    this.store.markRead([notification.id]);
    this.open.set(false);
    if (notification.taskId) void this.router.navigate(['/tasks', notification.taskId]);
    else if (notification.teamId) void this.router.navigate(['/teams']);
  }
}
