import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { ActivityFeedComponent } from '../features/activity';
import { NotificationBellComponent } from '../features/notifications';
import { AuthService } from '../core/auth/auth.service';
import { RealtimeService } from '../core/realtime/realtime.service';
import { ConnectionStatusComponent } from '../core/ui/connection-status/connection-status.component';
import { OutboxStatusComponent } from '../core/ui/outbox-status/outbox-status.component';
import { UndoToastComponent } from '../core/ui/undo/undo-toast.component';
import { KeyboardShortcuts, type ShortcutAction } from '../core/ui/shortcuts/keyboard-shortcuts';
import { ShortcutsHelpComponent } from '../core/ui/shortcuts/shortcuts-help.component';

/**
 * Frame of every signed-in page: header with navigation and the connection indicator, content, activity feed.
 * At phone width the feed is a panel opened from the header, so it is one tap away on every page.
 */
@Component({
  selector: 'tp-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    ActivityFeedComponent,
    NotificationBellComponent,
    ConnectionStatusComponent,
    OutboxStatusComponent,
    UndoToastComponent,
    ShortcutsHelpComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly header = viewChild.required<ElementRef<HTMLElement>>('header');
  private readonly activityToggle = viewChild.required<ElementRef<HTMLButtonElement>>('activityToggle');
  private readonly shortcutsHelp = viewChild.required(ShortcutsHelpComponent);
  private readonly router = inject(Router);
  private readonly shortcuts = inject(KeyboardShortcuts);

  protected readonly user = this.auth.user;
  protected readonly connection = toSignal(inject(RealtimeService).view$, {
    initialValue: { status: 'disconnected' as const, offline: false },
  });
  protected readonly activityOpen = signal(false);

  constructor() {
    // Fallbacks: pages with a list or a form register their own handlers, which win while they are open.
    this.shortcuts.register(
      {
        help: () => this.shortcutsHelp().open(),
        create: () => this.openTasksFor('create'),
        search: () => this.openTasksFor('search'),
      },
      inject(DestroyRef),
    );
    // The phone's panel covers the page: a new page starts without it.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.activityOpen.set(false));
    const destroyRef = inject(DestroyRef);
    // The phone's activity panel opens just below the sticky header, whose height depends on how it wraps.
    afterNextRender(() => {
      const header = this.header().nativeElement;
      const observer = new ResizeObserver(() => this.host.nativeElement.style.setProperty('--header-height', `${header.offsetHeight}px`));
      observer.observe(header);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  /** `c` or `/` where the page has no form or search of its own: the tasks page opens and does it. */
  private openTasksFor(action: ShortcutAction): void {
    this.shortcuts.defer(action);
    void this.router.navigateByUrl('/tasks');
  }

  protected skipToContent(event: Event): void {
    // A plain #main link would load /#main: the app's <base href="/"> makes it another page.
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected toggleActivity(): void {
    if (this.activityOpen()) {
      this.closeActivity();
      return;
    }
    this.activityOpen.set(true);
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#activity-heading')?.focus(), { injector: this.injector });
  }

  protected closeActivity(): void {
    if (this.activityOpen()) {
      this.activityOpen.set(false);
      this.activityToggle().nativeElement.focus();
    }
  }

  protected signOut(): void {
    this.auth.signOut();
  }
}
