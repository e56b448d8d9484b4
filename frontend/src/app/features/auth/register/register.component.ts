import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { errorMessage } from '../../../core/api/http-errors';
import { AuthService } from '../../../core/auth/auth.service';

@Component({
  selector: 'tp-register',
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './register.component.html',
  styleUrl: '../auth-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(80)] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(8), Validators.maxLength(128)],
    }),
  });

  protected submit(): void {
    const problem = this.problem();
    if (problem) {
      this.form.markAllAsTouched();
      this.error.set(problem);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { name, email, password } = this.form.getRawValue();
    this.auth.register({ name: name.trim(), email: email.trim(), password }).subscribe({
      next: () => void this.router.navigateByUrl('/dashboard'),
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(errorMessage(error, 'Could not create the account.'));
      },
    });
  }

  private problem(): string | null {
    const { name, email, password } = this.form.controls;
    if (name.invalid || !name.value.trim()) return 'Enter your name (up to 80 characters).';
    if (email.invalid) return 'Enter a valid email address.';
    if (password.invalid) return 'Choose a password of 8 to 128 characters.';
    return null;
  }
}
