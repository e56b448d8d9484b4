import { aTask } from '../../../../testing/builders';
import { columnsOf, isNoMove, keyboardMove, moveTo, provisionalPosition } from './board-columns';

const a = aTask({ id: 'a', position: 'a0', status: 'pending' });
const b = aTask({ id: 'b', position: 'a1', status: 'pending' });
const c = aTask({ id: 'c', position: 'a2', status: 'pending' });
const x = aTask({ id: 'x', position: 'Zz', status: 'in_progress' });
const done = aTask({ id: 'd', position: 'b0', status: 'completed' });

describe('board columns', () => {
  const columns = columnsOf([c, done, x, a, b]);

  it('groups by status and sorts each column by position', () => {
    expect(columns.pending.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(columns.in_progress.map((t) => t.id)).toEqual(['x']);
    expect(columns.completed.map((t) => t.id)).toEqual(['d']);
  });

  it('orders by byte order, not by locale ("Z" before "a"), then by id', () => {
    const twins = columnsOf([aTask({ id: 'q2', position: 'm' }), aTask({ id: 'q1', position: 'm' }), aTask({ id: 'q0', position: 'Z' })]);

    expect(twins.pending.map((t) => t.id)).toEqual(['q0', 'q1', 'q2']);
  });

  it('turns a drop index into "after which task" (null at the top), not counting the card itself', () => {
    expect(moveTo(columns, x, 'pending', 0)).toEqual({ status: 'pending', moveAfter: null });
    expect(moveTo(columns, x, 'pending', 2)).toEqual({ status: 'pending', moveAfter: 'b' });
    expect(moveTo(columns, x, 'pending', 99)).toEqual({ status: 'pending', moveAfter: 'c' });
    expect(moveTo(columns, a, 'pending', 2)).toEqual({ status: 'pending', moveAfter: 'c' });
  });

  it('knows a drop back in place is no move', () => {
    expect(isNoMove(columns, b, moveTo(columns, b, 'pending', 1))).toBe(true);
    expect(isNoMove(columns, a, moveTo(columns, a, 'pending', 0))).toBe(true);
    expect(isNoMove(columns, a, moveTo(columns, a, 'pending', 1))).toBe(false);
    expect(isNoMove(columns, a, moveTo(columns, a, 'in_progress', 0))).toBe(false);
  });

  it('places a moved card provisionally right after its new neighbour until the server answers', () => {
    const move = moveTo(columns, x, 'pending', 1);
    const moved = { ...x, status: move.status, position: provisionalPosition(columns, move) };

    expect(columnsOf([a, b, c, moved]).pending.map((t) => t.id)).toEqual(['a', 'x', 'b', 'c']);
    expect(provisionalPosition(columns, { status: 'pending', moveAfter: null })).toBe('');
  });

  it('moves with Alt+arrows: up and down in the column, left and right to the same place next door', () => {
    expect(keyboardMove(columns, b, 'up')).toEqual({ status: 'pending', moveAfter: null });
    expect(keyboardMove(columns, b, 'down')).toEqual({ status: 'pending', moveAfter: 'c' });
    expect(keyboardMove(columns, a, 'up')).toBeNull();
    expect(keyboardMove(columns, c, 'down')).toBeNull();
    expect(keyboardMove(columns, b, 'right')).toEqual({ status: 'in_progress', moveAfter: 'x' });
    expect(keyboardMove(columns, x, 'right')).toEqual({ status: 'completed', moveAfter: null });
    expect(keyboardMove(columns, a, 'left')).toBeNull();
    expect(keyboardMove(columns, done, 'right')).toBeNull();
  });
});
