import { FormControl, FormGroup } from '@angular/forms';
import { RULES } from './field-rules';
import { emailAddress, lengthOf, notOwnEmail } from './field-validators';
import { FormProblems } from './form-problems';

function signUp() {
  const form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.name)] }),
    email: new FormControl('', { nonNullable: true, validators: [emailAddress()] }),
    password: new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.password)] }),
  });
  const sut = new FormProblems(form, { name: 'name', email: 'email', password: 'password' });
  return { form, sut };
}

describe('FormProblems', () => {
  it('stays quiet until the first submit', () => {
    const { form, sut } = signUp();

    form.controls.email.setValue('ada@localhost');

    expect(sut.messages()).toEqual({});
  });

  it('on submit marks every invalid field and names the first one on screen', () => {
    const { sut } = signUp();

    expect(sut.check()).toBe('name');
    expect(sut.messages()).toEqual({
      name: 'Enter your name.',
      email: 'Enter your email address.',
      password: 'Choose a password of at least 8 characters.',
    });
  });

  it('then follows each field as it is corrected', () => {
    const { form, sut } = signUp();
    sut.check();

    form.controls.name.setValue('Ada');
    form.controls.email.setValue('ada@localhost');

    expect(sut.message('name')).toBeNull();
    expect(sut.message('email')).toBe('Enter a complete email address, such as name@example.com: the part after the @ needs a dot.');
  });

  it('shows a problem the server found until the field is edited', () => {
    const { form, sut } = signUp();
    form.setValue({ name: 'Ada', email: 'ada@example.com', password: 'correct horse' });
    expect(sut.check()).toBeNull();

    sut.show('email', 'An account with this email address already exists. Sign in instead.');
    expect(sut.message('email')).toContain('already exists');
    form.controls.email.setValue('ada@example.org');

    expect(sut.message('email')).toBeNull();
  });

  it('refuses my own address where a task is shared', () => {
    const email = new FormControl('', { nonNullable: true, validators: [emailAddress(), notOwnEmail(() => 'ada@example.com')] });
    const sut = new FormProblems(new FormGroup({ email }), { email: 'shareEmail' });

    email.setValue(' Ada@Example.com ');

    expect(sut.check()).toBe('email');
    expect(sut.message('email')).toBe("That's your own email address: you own this task already. Enter someone else's.");
  });
});
