import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ActivityFeedComponent } from '../features/activity';
import { AuthService } from '../core/auth/auth.service';
import { RealtimeService } from '../core/realtime/realtime.service';
import { ConnectionStatusBadgeComponent } from '../core/ui/connection-status/connection-status-badge.component';
import { ConnectionStatusIndicatorComponent } from '../core/ui/connection-status/connection-status-indicator.component';

/** Frame of every signed-in page: header with navigation and connection badge, content, activity feed. */
@Component({
  selector: 'tp-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    ActivityFeedComponent,
    ConnectionStatusBadgeComponent,
    ConnectionStatusIndicatorComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly user = this.auth.user;
  protected readonly status = toSignal(inject(RealtimeService).status$, { initialValue: 'disconnected' as const });

  protected skipToContent(): void {
    this.main().nativeElement.focus();
  }

  protected signOut(): void {
    this.auth.signOut();
  }
}
