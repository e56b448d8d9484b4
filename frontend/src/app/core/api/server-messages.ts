/**
 * What the server says (class-validator's English for bad input, the services' own sentences otherwise) put
 * into words for people. Field problems are mapped onto the same `Problem`s the forms check before sending,
 * so a form and the server never word one rule two ways.
 */
import type { Problem } from '../validation/field-rules';
import { type Field, describeProblem } from '../validation/problem-messages';

export interface ServerProblem {
  /** The request field it is about (`email`, `title` …), when it is about one. */
  readonly property: string | null;
  /** For people. */
  readonly text: string;
}

/** The server's property names; a form may say which of its fields one stands for (`name` → `teamName`). */
export type FieldAliases = Partial<Record<string, Field>>;

const FIELDS: Record<string, Field> = {
  title: 'title',
  description: 'description',
  name: 'name',
  password: 'password',
  email: 'email',
  dueDate: 'dueDate',
};

type Rewrite = (match: RegExpExecArray) => Problem | string;

/** class-validator's default messages, as the ValidationPipe flattens them (`<property> must …`). */
const VALIDATION: readonly [RegExp, Rewrite][] = [
  [
    /^(\w+) must be longer than or equal to (\d+) characters?$/,
    (m) => (Number(m[2]) <= 1 ? { kind: 'empty' } : { kind: 'tooShort', min: Number(m[2]) }),
  ],
  [/^(\w+) must be shorter than or equal to (\d+) characters?$/, (m) => ({ kind: 'tooLong', max: Number(m[2]) })],
  [/^(\w+) should not be empty$/, () => ({ kind: 'empty' })],
  [/^(\w+) must be an email$/, () => ({ kind: 'email', needsDot: false })],
  [/^(\w+) must be someone other than yourself$/, () => ({ kind: 'self' })],
  [/^(\w+) must be a valid ISO 8601 date string$/, () => 'Pick a due date from the calendar.'],
  [/^(\w+) must be one of the following values: (.*)$/, (m) => `Choose one of: ${m[2]}.`],
  [/^(\w+) must be a UUID$/, () => 'That item no longer exists. Reload the page and try again.'],
  [/^property (\w+) should not exist$/, () => 'The app sent something the server does not accept. Reload the page and try again.'],
];

/** The services' own messages, and which field each is about. */
const SENTENCES: Record<string, { property?: string; text: string }> = {
  'Email is already registered': { property: 'email', text: 'An account with this email address already exists. Sign in instead.' },
  'Invalid email or password': { text: 'The email address or the password is not right.' },
  'No user with this email': { property: 'email', text: 'No one has a TaskPulse account with this email address yet.' },
  'Too many attempts, try again later': { text: 'Too many attempts.' },
  'Task not found': { text: 'This task no longer exists, or it is no longer shared with you.' },
  'Team not found': { text: 'This team no longer exists, or you are no longer in it.' },
  'Member not found': { text: 'This person is no longer in the team.' },
  'Share not found': { text: 'This person no longer has access.' },
  'User not found': { text: 'Your account no longer exists.' },
  'Task was changed by someone else': { text: 'Someone else changed this task meanwhile.' },
  'Request body is too large': { text: 'That is too much text to send at once.' },
  'Malformed JSON body': { text: 'The app sent something the server could not read. Reload the page and try again.' },
  'Internal server error': { text: 'Something went wrong on the server. Please try again.' },
  'Missing bearer token': { text: 'Your session has ended. Please sign in again.' },
  'Invalid token': { text: 'Your session has ended. Please sign in again.' },
  'Token expired': { text: 'Your session has expired. Please sign in again.' },
  'cursor is not valid': { text: 'The list changed meanwhile. Reload the page.' },
};

export function fromServer(message: string, aliases: FieldAliases = {}): ServerProblem {
  const sentence = SENTENCES[message];
  if (sentence) {
    return { property: sentence.property ?? null, text: sentence.text };
  }
  for (const [pattern, rewrite] of VALIDATION) {
    const match = pattern.exec(message);
    if (match) {
      const property = match[1];
      const problem = rewrite(match);
      const field = aliases[property] ?? FIELDS[property];
      const text = typeof problem === 'string' ? problem : field ? describeProblem(field, problem) : null;
      // An unknown property with a field problem: say it plainly rather than in the validator's words.
      return { property, text: text ?? `The ${property} is not valid.` };
    }
  }
  // Already written for people (e.g. "Only the owner can share this task").
  return { property: null, text: /[.!?]$/.test(message) ? message : `${message}.` };
}
