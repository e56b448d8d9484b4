import { parsePresenceChange } from './presence-bus';

describe('parsePresenceChange (what another instance says through Redis)', () => {
  const set = { op: 'set', instance: 'i-1', key: 'u:c', taskId: 't', userId: 'u', name: 'Ada', state: 'editing', field: 'title' };

  it('reads a set and a remove', () => {
    expect(parsePresenceChange(JSON.stringify(set))).toEqual(set);
    expect(parsePresenceChange(JSON.stringify({ op: 'remove', instance: 'i-1', key: 'u:c', taskId: 't', userId: 'u' }))).toEqual({
      op: 'remove',
      instance: 'i-1',
      key: 'u:c',
      taskId: 't',
      userId: 'u',
    });
  });

  it.each([
    ['not JSON', '{'],
    ['null', 'null'],
    ['an unknown op', JSON.stringify({ ...set, op: 'flood' })],
    ['an unknown state', JSON.stringify({ ...set, state: 'sleeping' })],
    ['no name', JSON.stringify({ ...set, name: '' })],
    ['a long field', JSON.stringify({ ...set, field: 'x'.repeat(65) })],
    ['no task', JSON.stringify({ ...set, taskId: undefined })],
  ])('ignores %s', (_, raw) => {
    expect(parsePresenceChange(raw)).toBeNull();
  });
});
