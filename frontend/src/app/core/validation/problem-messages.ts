/**
 * The one place where a problem with a field is put into words, whether the form found it or the server
 * answered it (server messages are mapped onto the same problems in `core/api/server-messages.ts`).
 */
import type { Problem } from './field-rules';

export type Field =
  'title' | 'description' | 'name' | 'teamName' | 'password' | 'currentPassword' | 'email' | 'shareEmail' | 'memberEmail' | 'dueDate';

interface FieldWords {
  /** Subject of a sentence: "The title can be at most …". */
  readonly noun: string;
  /** What to do when it is empty. */
  readonly whenEmpty: string;
}

const WORDS: Record<Field, FieldWords> = {
  title: { noun: 'The title', whenEmpty: 'Give the task a title.' },
  description: { noun: 'The description', whenEmpty: 'Add a description.' },
  name: { noun: 'Your name', whenEmpty: 'Enter your name.' },
  teamName: { noun: 'The team name', whenEmpty: 'Give the team a name.' },
  password: { noun: 'The password', whenEmpty: 'Choose a password of at least 8 characters.' },
  currentPassword: { noun: 'The password', whenEmpty: 'Enter your password.' },
  email: { noun: 'The email address', whenEmpty: 'Enter your email address.' },
  shareEmail: { noun: 'The email address', whenEmpty: 'Enter the email address of the person to share with.' },
  memberEmail: { noun: 'The email address', whenEmpty: 'Enter the email address of the person to add.' },
  dueDate: { noun: 'The due date', whenEmpty: 'Pick a due date.' },
};

const NUMBER = new Intl.NumberFormat('en');

export function describeProblem(field: Field, problem: Problem): string {
  const { noun, whenEmpty } = WORDS[field];
  switch (problem.kind) {
    case 'empty':
      return whenEmpty;
    case 'tooShort':
      return `${noun} needs at least ${NUMBER.format(problem.min)} characters.`;
    case 'tooLong':
      return problem.actual === undefined
        ? `${noun} can be at most ${NUMBER.format(problem.max)} characters.`
        : `${noun} can be at most ${NUMBER.format(problem.max)} characters; this one has ${NUMBER.format(problem.actual)}.`;
    case 'email':
      return problem.needsDot
        ? 'Enter a complete email address, such as name@example.com: the part after the @ needs a dot.'
        : 'Enter an email address such as name@example.com.';
    case 'self':
      return "That's your own email address: you own this task already. Enter someone else's.";
  }
}
