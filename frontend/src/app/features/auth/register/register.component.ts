import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { errorMessage, serverProblems } from '../../../core/api/http-errors';
import { AuthService } from '../../../core/auth/auth.service';
import { RULES } from '../../../core/validation/field-rules';
import { emailAddress, lengthOf } from '../../../core/validation/field-validators';
import { FormProblems } from '../../../core/validation/form-problems';

type RegisterField = 'name' | 'email' | 'password';

/** Sign-up with the server's own rules checked first: every invalid field is marked, and the first one focused. */
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
  private readonly document = inject(DOCUMENT);

  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.name)] }),
    email: new FormControl('', { nonNullable: true, validators: [emailAddress()] }),
    password: new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.password)] }),
  });
  protected readonly problems = new FormProblems(this.form, { name: 'name', email: 'email', password: 'password' });

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    const invalid = this.problems.check();
    if (invalid) {
      this.error.set(null);
      this.focus(invalid);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { name, email, password } = this.form.getRawValue();
    this.auth.register({ name: name.trim(), email: email.trim(), password }).subscribe({
      next: () => void this.router.navigateByUrl('/dashboard'),
      error: (error: unknown) => {
        this.busy.set(false);
        const onField = serverProblems(error).find((problem) => problem.property && problem.property in this.form.controls);
        if (onField) {
          this.problems.show(onField.property as RegisterField, onField.text);
          this.focus(onField.property as RegisterField);
        } else {
          this.error.set(errorMessage(error, 'Could not create the account.'));
        }
      },
    });
  }

  private focus(field: RegisterField): void {
    this.document.getElementById(`register-${field}`)?.focus();
  }
}
