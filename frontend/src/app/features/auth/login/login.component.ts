import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { errorMessage } from '../../../core/api/http-errors';
import { AuthService } from '../../../core/auth/auth.service';
import { lengthOf } from '../../../core/validation/field-validators';
import { FormProblems } from '../../../core/validation/form-problems';

/** The server only asks that both are given here (a wrong address is simply a failed sign-in). */
const GIVEN_EMAIL = { min: 1, max: 254, trimmed: true };
const GIVEN_PASSWORD = { min: 1, max: 128, trimmed: false };

@Component({
  selector: 'tp-login',
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './login.component.html',
  styleUrl: '../auth-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  /** Bound from the `returnUrl` query parameter set by the auth guard. */
  readonly returnUrl = input<string>();

  protected readonly notice = this.auth.notice;
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [lengthOf(GIVEN_EMAIL)] }),
    password: new FormControl('', { nonNullable: true, validators: [lengthOf(GIVEN_PASSWORD)] }),
  });
  protected readonly problems = new FormProblems(this.form, { email: 'email', password: 'currentPassword' });

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    const invalid = this.problems.check();
    if (invalid) {
      this.error.set(null);
      this.document.getElementById(`login-${invalid}`)?.focus();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { email, password } = this.form.getRawValue();
    this.auth.login({ email: email.trim(), password }).subscribe({
      next: () => {
        const target = this.returnUrl();
        void this.router.navigateByUrl(target?.startsWith('/') && !target.startsWith('//') ? target : '/dashboard');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(errorMessage(error, 'Could not sign in.'));
      },
    });
  }
}
