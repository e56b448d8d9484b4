import { toIsoInstant } from './time';

describe('toIsoInstant', () => {
  it.each([
    ['2026-02-07', '2026-02-07T00:00:00.000Z'],
    ['2026-02-07T10:00:00', '2026-02-07T10:00:00.000Z'],
    ['2026-02-07T10:00:00.5', '2026-02-07T10:00:00.500Z'],
    ['2026-02-07T10:00:00Z', '2026-02-07T10:00:00.000Z'],
    ['2026-02-07T10:00:00+02:00', '2026-02-07T08:00:00.000Z'],
    ['2026-02-07T10:00:00-0130', '2026-02-07T11:30:00.000Z'],
  ])('reads %s as %s whatever the server time zone', (input, expected) => {
    expect(toIsoInstant(input)).toBe(expected);
  });
});
