import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { errorMessage, serverProblems } from './http-errors';
import { fromServer } from './server-messages';

function badRequest(message: string | string[], status = 400): HttpErrorResponse {
  return new HttpErrorResponse({ status, statusText: 'Bad Request', error: { statusCode: status, error: 'Bad Request', message } });
}

describe('server messages, for people', () => {
  it.each([
    ['title must be shorter than or equal to 200 characters', 'title', 'The title can be at most 200 characters.'],
    ['title must be longer than or equal to 1 characters', 'title', 'Give the task a title.'],
    ['description must be shorter than or equal to 10000 characters', 'description', 'The description can be at most 10,000 characters.'],
    ['name must be shorter than or equal to 80 characters', 'name', 'Your name can be at most 80 characters.'],
    ['password must be longer than or equal to 8 characters', 'password', 'The password needs at least 8 characters.'],
    ['email must be an email', 'email', 'Enter an email address such as name@example.com.'],
    ['dueDate must be a valid ISO 8601 date string', 'dueDate', 'Pick a due date from the calendar.'],
    ['Email is already registered', 'email', 'An account with this email address already exists. Sign in instead.'],
    ['No user with this email', 'email', 'No one has a TaskPulse account with this email address yet.'],
    ['Invalid email or password', null, 'The email address or the password is not right.'],
  ])('%p → %p: %p', (message, property, text) => {
    expect(fromServer(message)).toEqual({ property, text });
  });

  it('words a refused share with oneself for the share form', () => {
    expect(fromServer('email must be someone other than yourself', { email: 'shareEmail' }).text).toBe(
      "That's your own email address: you own this task already. Enter someone else's.",
    );
  });

  it('uses the field a form says a property stands for (a team name is sent as name)', () => {
    expect(fromServer('name must be shorter than or equal to 80 characters', { name: 'teamName' }).text).toBe(
      'The team name can be at most 80 characters.',
    );
  });

  it('passes a sentence already written for people through, as a sentence', () => {
    expect(fromServer('Only the owner can share this task')).toEqual({ property: null, text: 'Only the owner can share this task.' });
  });

  it('joins every message of a 400 in errorMessage, and lists them with their fields in serverProblems', () => {
    const error = badRequest(['title must be shorter than or equal to 200 characters', 'email must be an email']);

    expect(errorMessage(error)).toBe('The title can be at most 200 characters. Enter an email address such as name@example.com.');
    expect(serverProblems(error).map((p) => p.property)).toEqual(['title', 'email']);
  });

  it('says the server cannot be reached when there was no answer, and when to retry a 429', () => {
    expect(errorMessage(new HttpErrorResponse({ status: 0 }))).toBe('Cannot reach the server. Check your connection and try again.');
    const limited = new HttpErrorResponse({
      status: 429,
      error: { statusCode: 429, message: 'Too many attempts, try again later' },
      headers: new HttpHeaders({ 'Retry-After': '30' }),
    });
    expect(errorMessage(limited)).toBe('Too many attempts. Try again in 30 s.');
  });
});
