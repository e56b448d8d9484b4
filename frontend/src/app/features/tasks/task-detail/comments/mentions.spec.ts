import { insertMention, mentionQuery, mentionedIds, suggestions } from './mentions';

const people = [
  { id: 'ada', name: 'Ada Park' },
  { id: 'ben', name: 'Ben Okafor' },
  { id: 'bea', name: 'Beatrice Adams' },
];

describe('mentions', () => {
  it('finds the @word being typed at the caret, at the start or after a space only', () => {
    expect(mentionQuery('Hi @Be', 6)).toEqual({ start: 3, query: 'Be' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail me@home', 12)).toBeNull();
    expect(mentionQuery('Hi @Ben done', 12)).toBeNull();
  });

  it('suggests names starting with it first, then names with a word starting with it', () => {
    expect(suggestions(people, 'be').map((p) => p.id)).toEqual(['bea', 'ben']);
    expect(suggestions(people, 'ad').map((p) => p.id)).toEqual(['ada', 'bea']);
    expect(suggestions(people, 'okafor').map((p) => p.id)).toEqual(['ben']);
    expect(suggestions(people, 'zed')).toEqual([]);
    expect(suggestions(people, '').length).toBe(3);
  });

  it('puts "@Name " in place of what was typed and the caret after it', () => {
    expect(insertMention('Hi @Be, see this', 3, 6, 'Ben Okafor')).toEqual({ text: 'Hi @Ben Okafor , see this', caret: 15 });
  });

  it('mentions only the people chosen whose @Name is still in the text, once each', () => {
    const chosen = [people[0], people[1], people[1]];

    expect(mentionedIds('@Ada Park and @Ben Okafor', chosen)).toEqual(['ada', 'ben']);
    expect(mentionedIds('Just @Ben Okafor now', chosen)).toEqual(['ben']);
    expect(mentionedIds('@Ben Okafor', [])).toEqual([]);
  });
});
