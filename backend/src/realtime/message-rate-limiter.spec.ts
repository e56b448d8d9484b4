import { MessageRateLimiter } from './message-rate-limiter';

describe('MessageRateLimiter', () => {
  let now: number;
  let sut: MessageRateLimiter;

  beforeEach(() => {
    now = 0;
    sut = new MessageRateLimiter(20, 40, () => now);
  });

  it('allows a burst up to its size, then refuses', () => {
    const taken = Array.from({ length: 41 }, () => sut.take());

    expect(taken.filter(Boolean)).toHaveLength(40);
    expect(taken[40]).toBe(false);
  });

  it('refills at the sustained rate', () => {
    for (let i = 0; i < 40; i++) sut.take();

    now += 500;

    expect(Array.from({ length: 11 }, () => sut.take()).filter(Boolean)).toHaveLength(10);
  });

  it('lets a client at the sustained rate go on for ever', () => {
    const refused = Array.from({ length: 1000 }, () => {
      now += 50;
      return sut.take();
    }).filter((ok) => !ok);

    expect(refused).toEqual([]);
  });
});
