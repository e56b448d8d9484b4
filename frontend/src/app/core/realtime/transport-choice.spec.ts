import { FAILURES_BEFORE_SWITCH, FIRST_CHOICE, WEB_SOCKET_RETRY_MS, afterFailure, afterOpened, beforeAttempt } from './transport-choice';

describe('transport choice', () => {
  const failTimes = (times: number, serverAnswers = true, choice = FIRST_CHOICE, now = 0) =>
    Array.from({ length: times }).reduce<typeof choice>((current) => afterFailure(current, now, serverAnswers), choice);

  it('starts with WebSocket', () => {
    expect(FIRST_CHOICE.transport).toBe('websocket');
  });

  it('moves to server-sent events after 2 failed upgrades that never opened, while the server answers over HTTP', () => {
    expect(failTimes(FAILURES_BEFORE_SWITCH - 1).transport).toBe('websocket');
    expect(failTimes(FAILURES_BEFORE_SWITCH).transport).toBe('sse');
  });

  it('keeps WebSocket when the server answers nothing at all (an outage, not a proxy)', () => {
    expect(failTimes(10, false).transport).toBe('websocket');
  });

  it('never leaves a WebSocket that opened once on this page', () => {
    const worked = afterOpened(FIRST_CHOICE);
    expect(failTimes(10, true, worked).transport).toBe('websocket');
  });

  it('tries WebSocket again after a while on SSE; one more failure sends it back', () => {
    const onSse = failTimes(FAILURES_BEFORE_SWITCH, true, FIRST_CHOICE, 1000);
    expect(beforeAttempt(onSse, 1000 + WEB_SOCKET_RETRY_MS - 1).transport).toBe('sse');
    const retried = beforeAttempt(onSse, 1000 + WEB_SOCKET_RETRY_MS);
    expect(retried.transport).toBe('websocket');
    expect(afterFailure(retried, 2000 + WEB_SOCKET_RETRY_MS, true).transport).toBe('sse');
    expect(afterOpened(retried)).toEqual(expect.objectContaining({ transport: 'websocket', webSocketWorked: true, failures: 0 }));
  });

  it('goes back to WebSocket when SSE fails as well', () => {
    const onSse = failTimes(FAILURES_BEFORE_SWITCH);
    expect(failTimes(FAILURES_BEFORE_SWITCH, true, onSse).transport).toBe('websocket');
  });
});
