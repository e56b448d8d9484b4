import { closeCodes } from '@taskpulse/contract';
import { ack, loggedEvent, message } from '../../../testing/builders';
import {
  type ConnectionInput,
  type ConnectionState,
  type ConnectionStep,
  type Handshaking,
  IDLE,
  type Live,
  type Waiting,
  awaitsPong,
  coveredFrom,
  needsPolling,
  statusOf,
  viewOf,
} from './connection-state';
import { FORBIDDEN_USER_NOTICE, SESSION_EXPIRED_NOTICE, type TransitionContext, transition } from './connection-transition';
import { RESYNC_GRACE_MS } from './realtime.constants';

const WITH_TOKEN: TransitionContext = { token: 'jwt-1', random: () => 0.5 };
const NO_TOKEN: TransitionContext = { token: null, random: () => 0.5 };
const OFFLINE: TransitionContext = { ...WITH_TOKEN, offline: true };

function aLive(overrides: Partial<Live> = {}): Live {
  return { kind: 'live', since: null, position: { lastSeq: 100, coveredFrom: 100 }, awaitingPong: false, ...overrides };
}

function aHandshake(overrides: Partial<Handshaking> = {}): Handshaking {
  return {
    kind: 'handshaking',
    since: null,
    position: { lastSeq: null, coveredFrom: null },
    retries: { attempt: 0, refreshes: 0 },
    awaitingPong: false,
    ...overrides,
  };
}

function aWait(overrides: Partial<Waiting> = {}): Waiting {
  return {
    kind: 'waiting',
    position: { lastSeq: 100, coveredFrom: 100 },
    retries: { attempt: 3, refreshes: 0 },
    delayMs: 4000,
    reason: 'closed',
    ...overrides,
  };
}

/** Feeds inputs one after another, as the service does, and returns the last step. */
function run(state: ConnectionState, inputs: ConnectionInput[], context = WITH_TOKEN): ConnectionStep {
  return inputs.reduce<ConnectionStep>((step, input) => transition(step.state, input, context), { state, effects: [] });
}

describe('connection transition', () => {
  describe('from idle', () => {
    it('connect opens a socket from the log head', () => {
      const sut = transition(IDLE, { type: 'connect' }, WITH_TOKEN);

      expect(sut.state).toEqual({
        kind: 'opening',
        since: null,
        position: { lastSeq: null, coveredFrom: null },
        retries: { attempt: 0, refreshes: 0 },
      });
      expect(sut.effects).toEqual([{ type: 'openSocket', token: 'jwt-1', since: null }]);
    });

    it('connect without a token refreshes it first, at once', () => {
      const sut = transition(IDLE, { type: 'connect' }, NO_TOKEN);

      expect(sut.state).toEqual(expect.objectContaining({ kind: 'authenticating', thenWaitMs: 0 }));
      expect(sut.effects).toEqual([{ type: 'refreshToken' }]);
    });

    it.each<ConnectionInput>([
      { type: 'disconnect' },
      { type: 'closed', code: 1006 },
      { type: 'timerFired' },
      { type: 'online' },
      { type: 'resumeFrom', seq: 5 },
    ])('ignores %o', (input) => {
      expect(transition(IDLE, input, WITH_TOKEN)).toEqual({ state: IDLE, effects: [] });
    });
  });

  describe('handshake', () => {
    it('starts pinging once the socket opens', () => {
      const opening = transition(IDLE, { type: 'connect' }, WITH_TOKEN).state;

      const sut = transition(opening, { type: 'opened' }, WITH_TOKEN);

      expect(sut.state).toEqual(aHandshake());
      expect(sut.effects).toEqual([{ type: 'startPing' }]);
    });

    it('goes live on connection_ack, covering from the ack seq on a fresh start', () => {
      const ackMessage = ack(42);

      const sut = transition(aHandshake({ retries: { attempt: 4, refreshes: 2 } }), { type: 'message', message: ackMessage }, WITH_TOKEN);

      expect(sut.state).toEqual(aLive({ position: { lastSeq: 42, coveredFrom: 42 } }));
      expect(sut.effects).toEqual([{ type: 'deliver', message: ackMessage }]);
    });

    it('keeps the resume point and covers from since when the socket resumed', () => {
      const handshake = aHandshake({ since: 107, position: { lastSeq: 107, coveredFrom: 100 } });

      const sut = transition(handshake, { type: 'message', message: ack(300) }, WITH_TOKEN);

      expect(sut.state).toEqual(aLive({ since: 107, position: { lastSeq: 107, coveredFrom: 100 } }));
    });

    it('covers from since on the first ack after a resync', () => {
      const handshake = aHandshake({ since: 5000, position: { lastSeq: 5000, coveredFrom: null } });

      const sut = transition(handshake, { type: 'message', message: ack(6000) }, WITH_TOKEN);

      expect(coveredFrom(sut.state)).toBe(5000);
    });
  });

  describe('live', () => {
    it('delivers a logged event after the last seq and advances the position', () => {
      const event = loggedEvent('task_created', 101);

      const sut = transition(aLive(), { type: 'message', message: event }, WITH_TOKEN);

      expect(sut.state).toEqual(aLive({ position: { lastSeq: 101, coveredFrom: 100 } }));
      expect(sut.effects).toEqual([{ type: 'deliver', message: event }]);
    });

    it('drops a logged event at or before the last seq, but still counts it as a sign of life', () => {
      const sut = transition(aLive({ awaitingPong: true }), { type: 'message', message: loggedEvent('task_updated', 100) }, WITH_TOKEN);

      expect(sut.state).toEqual(aLive());
      expect(sut.effects).toEqual([]);
    });

    it('pings, then treats a ping unanswered for a whole interval as a dead connection', () => {
      const pinged = transition(aLive(), { type: 'pingDue' }, WITH_TOKEN);
      expect(pinged).toEqual({ state: aLive({ awaitingPong: true }), effects: [{ type: 'sendPing' }] });

      const sut = transition(pinged.state, { type: 'pingDue' }, WITH_TOKEN);

      expect(sut.state).toEqual(aWait({ retries: { attempt: 1, refreshes: 0 }, delayMs: 1000 }));
      expect(sut.effects).toEqual([{ type: 'closeSocket' }, { type: 'startTimer', delayMs: 1000 }]);
      expect(statusOf(sut.state)).toBe('disconnected');
    });

    it('on resync_required forgets the position, lets the socket go and waits for the refetch', () => {
      const resync = message('resync_required', { reason: 'since too old' });

      const sut = transition(aLive(), { type: 'message', message: resync }, WITH_TOKEN);

      expect(sut.state).toEqual({ kind: 'resyncing', retries: { attempt: 0, refreshes: 0 } });
      expect(sut.effects).toEqual([
        { type: 'closeSocket' },
        { type: 'startTimer', delayMs: RESYNC_GRACE_MS },
        { type: 'deliver', message: resync },
        { type: 'resync', reason: 'since too old' },
      ]);
      expect(coveredFrom(sut.state)).toBeNull();
    });

    it('disconnect says goodbye with a normal close', () => {
      expect(transition(aLive(), { type: 'disconnect' }, WITH_TOKEN)).toEqual({
        state: IDLE,
        effects: [{ type: 'closeSocket', goodbye: { code: closeCodes.NORMAL, reason: 'client disconnect' } }],
      });
    });
  });

  describe('liveness', () => {
    it('treats a ping unanswered by its deadline (pongOverdue) as a dead connection', () => {
      const pinged = transition(aLive(), { type: 'pingDue' }, WITH_TOKEN).state;
      expect(awaitsPong(pinged)).toBe(true);

      const sut = transition(pinged, { type: 'pongOverdue' }, WITH_TOKEN);

      expect(sut.state).toEqual(aWait({ retries: { attempt: 1, refreshes: 0 }, delayMs: 1000 }));
      expect(sut.effects).toEqual([{ type: 'closeSocket' }, { type: 'startTimer', delayMs: 1000 }]);
      expect(statusOf(sut.state)).toBe('disconnected');
    });

    it('ignores a late pongOverdue once anything has arrived', () => {
      const pinged = transition(aLive(), { type: 'pingDue' }, WITH_TOKEN).state;
      const answered = transition(pinged, { type: 'message', message: message('pong', { id: 'ping-1' }) }, WITH_TOKEN).state;

      expect(transition(answered, { type: 'pongOverdue' }, WITH_TOKEN)).toEqual({ state: aLive(), effects: [] });
    });

    it('probes with a ping at once when a REST request got no answer, and only once', () => {
      const probed = transition(aLive(), { type: 'probe' }, WITH_TOKEN);
      expect(probed).toEqual({ state: aLive({ awaitingPong: true }), effects: [{ type: 'sendPing' }] });

      expect(transition(probed.state, { type: 'probe' }, WITH_TOKEN).effects).toEqual([]);
    });

    it.each([aLive(), aHandshake()])('on the browser offline event closes the socket and waits for online (%o)', (state) => {
      const sut = transition(state, { type: 'offline' }, OFFLINE);

      expect(sut.state).toEqual(expect.objectContaining({ kind: 'waiting', reason: 'offline', position: state.position }));
      expect(sut.effects).toEqual([{ type: 'closeSocket' }, { type: 'startTimer', delayMs: 1000 }]);
      expect(viewOf(sut.state)).toEqual({ status: 'disconnected', offline: true });
      expect(needsPolling(sut.state)).toBe(false);
    });

    it('drops a socket still opening when the browser goes offline', () => {
      const opening = transition(IDLE, { type: 'connect' }, WITH_TOKEN).state;

      const sut = transition(opening, { type: 'offline' }, OFFLINE);

      expect(viewOf(sut.state)).toEqual({ status: 'disconnected', offline: true });
      expect(sut.effects[0]).toEqual({ type: 'closeSocket' });
    });

    it('while offline, a retry timer only re-arms itself; the online event reopens at once', () => {
      const offline = aWait({ reason: 'offline', retries: { attempt: 1, refreshes: 0 } });

      const retried = transition(offline, { type: 'timerFired' }, OFFLINE);
      expect(retried.state).toEqual(aWait({ reason: 'offline', retries: { attempt: 2, refreshes: 0 }, delayMs: 2000 }));
      expect(retried.effects).toEqual([{ type: 'startTimer', delayMs: 2000 }]);

      const online = transition(retried.state, { type: 'online' }, WITH_TOKEN);
      expect(online.effects).toEqual([{ type: 'stopTimer' }, { type: 'openSocket', token: 'jwt-1', since: 100 }]);
      expect(statusOf(online.state)).toBe('connecting');
    });

    it('a wait for another reason turns into an offline wait, keeping its timer', () => {
      const sut = transition(aWait({ reason: 'failed' }), { type: 'offline' }, OFFLINE);

      expect(sut).toEqual({ state: aWait({ reason: 'offline' }), effects: [] });
    });

    it('a socket that fails while the browser is offline is shown as offline, not as an error', () => {
      const opening = transition(IDLE, { type: 'connect' }, WITH_TOKEN).state;

      const sut = transition(opening, { type: 'failed' }, OFFLINE);

      expect(viewOf(sut.state)).toEqual({ status: 'disconnected', offline: true });
    });
  });

  describe('when the socket ends', () => {
    it.each([
      [1006, 'closed', 'disconnected'],
      [closeCodes.TRY_AGAIN_LATER, 'closed', 'disconnected'],
      [closeCodes.POLICY_VIOLATION, 'failed', 'error'],
      [closeCodes.MESSAGE_TOO_BIG, 'failed', 'error'],
      [closeCodes.INTERNAL_ERROR, 'failed', 'error'],
    ] as const)('backs off on close %i (%s, shown as %s), keeping the position', (code, reason, status) => {
      const sut = transition(aLive(), { type: 'closed', code }, WITH_TOKEN);

      expect(sut.state).toEqual(aWait({ reason, retries: { attempt: 1, refreshes: 0 }, delayMs: 1000 }));
      expect(sut.effects).toEqual([{ type: 'closeSocket' }, { type: 'startTimer', delayMs: 1000 }]);
      expect(statusOf(sut.state)).toBe(status);
    });

    it('shows an error event as a failure', () => {
      const sut = transition(aLive(), { type: 'failed' }, WITH_TOKEN);

      expect(sut.state).toEqual(expect.objectContaining({ kind: 'waiting', reason: 'failed' }));
    });

    it('doubles the delay with each failed attempt up to the cap, spread by the random source', () => {
      const delays: number[] = [];
      let state: ConnectionState = transition(IDLE, { type: 'connect' }, WITH_TOKEN).state;
      for (let failure = 0; failure < 7; failure++) {
        state = transition(state, { type: 'closed', code: 1006 }, WITH_TOKEN).state;
        delays.push((state as Waiting).delayMs);
        state = transition(state, { type: 'timerFired' }, WITH_TOKEN).state;
      }

      expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 32_000]);
      const low = transition(aLive(), { type: 'closed', code: 1006 }, { token: 'jwt-1', random: () => 0 });
      expect((low.state as Waiting).delayMs).toBe(800);
    });

    it('reconnects at once with since on 1001', () => {
      const live = aLive({ position: { lastSeq: 103, coveredFrom: 100 } });

      const sut = transition(live, { type: 'closed', code: closeCodes.GOING_AWAY }, WITH_TOKEN);

      expect(sut.state).toEqual(expect.objectContaining({ kind: 'opening', since: 103 }));
      expect(sut.effects).toEqual([{ type: 'closeSocket' }, { type: 'openSocket', token: 'jwt-1', since: 103 }]);
    });

    it('stops, still signed in, on a normal close from the server', () => {
      const sut = transition(aLive(), { type: 'closed', code: closeCodes.NORMAL }, WITH_TOKEN);

      expect(sut.state).toEqual({ kind: 'stopped', position: { lastSeq: 100, coveredFrom: 100 } });
      expect(statusOf(sut.state)).toBe('disconnected');
      expect(needsPolling(sut.state)).toBe(true);
      expect(transition(sut.state, { type: 'online' }, WITH_TOKEN).effects).toEqual([]);
      expect(transition(sut.state, { type: 'connect' }, WITH_TOKEN).effects).toEqual([]);
    });

    it('stops and signs out on 4403', () => {
      const sut = transition(aLive(), { type: 'closed', code: closeCodes.FORBIDDEN_USER }, WITH_TOKEN);

      expect(sut.state.kind).toBe('stopped');
      expect(sut.effects).toEqual([{ type: 'closeSocket' }, { type: 'signOut', notice: FORBIDDEN_USER_NOTICE }]);
    });
  });

  describe('token refresh', () => {
    it('on 4401 refreshes at once, then reopens with since', () => {
      const refreshing = transition(aLive(), { type: 'closed', code: closeCodes.TOKEN_INVALID }, WITH_TOKEN);
      expect(refreshing.state).toEqual({
        kind: 'authenticating',
        position: { lastSeq: 100, coveredFrom: 100 },
        retries: { attempt: 0, refreshes: 1 },
        thenWaitMs: 0,
      });
      expect(refreshing.effects).toEqual([{ type: 'closeSocket' }, { type: 'refreshToken' }]);
      expect(statusOf(refreshing.state)).toBe('connecting');

      const sut = transition(refreshing.state, { type: 'tokenRefreshed' }, { token: 'jwt-2', random: () => 0.5 });

      expect(sut.effects).toEqual([{ type: 'openSocket', token: 'jwt-2', since: 100 }]);
    });

    it('backs off before reconnecting when a refresh already happened since the last ack', () => {
      const refreshing = run(aLive(), [
        { type: 'closed', code: closeCodes.TOKEN_INVALID },
        { type: 'tokenRefreshed' },
        { type: 'opened' },
        { type: 'closed', code: closeCodes.TOKEN_INVALID },
      ]);
      expect(refreshing.state).toEqual(expect.objectContaining({ kind: 'authenticating', thenWaitMs: 1000 }));

      const sut = transition(refreshing.state, { type: 'tokenRefreshed' }, WITH_TOKEN);

      expect(sut.state).toEqual(expect.objectContaining({ kind: 'waiting', reason: 'refreshed', delayMs: 1000 }));
      expect(sut.effects).toEqual([{ type: 'startTimer', delayMs: 1000 }]);
      expect(statusOf(sut.state)).toBe('connecting');
    });

    it('backs off without signing out when the refresh fails for lack of network', () => {
      const refreshing = transition(aLive(), { type: 'closed', code: closeCodes.TOKEN_INVALID }, WITH_TOKEN).state;

      const sut = transition(refreshing, { type: 'refreshFailed', transient: true }, WITH_TOKEN);

      expect(sut.state).toEqual(expect.objectContaining({ kind: 'waiting', reason: 'closed', delayMs: 1000 }));
      expect(sut.effects).toEqual([{ type: 'startTimer', delayMs: 1000 }]);
    });

    it('stops and signs out when the refresh is refused', () => {
      const refreshing = transition(aLive(), { type: 'closed', code: closeCodes.TOKEN_INVALID }, WITH_TOKEN).state;

      const sut = transition(refreshing, { type: 'refreshFailed', transient: false }, WITH_TOKEN);

      expect(sut.state.kind).toBe('stopped');
      expect(sut.effects).toEqual([{ type: 'signOut', notice: SESSION_EXPIRED_NOTICE }]);
    });

    it('disconnect cancels a refresh in flight', () => {
      const refreshing = transition(IDLE, { type: 'connect' }, NO_TOKEN).state;

      expect(transition(refreshing, { type: 'disconnect' }, NO_TOKEN)).toEqual({ state: IDLE, effects: [{ type: 'cancelRefresh' }] });
    });
  });

  describe('waiting', () => {
    it('reopens from the last seq when the timer fires', () => {
      const sut = transition(aWait(), { type: 'timerFired' }, WITH_TOKEN);

      expect(sut.state).toEqual({ kind: 'opening', since: 100, position: aWait().position, retries: aWait().retries });
      expect(sut.effects).toEqual([{ type: 'openSocket', token: 'jwt-1', since: 100 }]);
    });

    it('reopens at once on the online event, stopping the timer', () => {
      const sut = transition(aWait(), { type: 'online' }, WITH_TOKEN);

      expect(sut.effects).toEqual([{ type: 'stopTimer' }, { type: 'openSocket', token: 'jwt-1', since: 100 }]);
    });

    it('disconnect stops the timer', () => {
      expect(transition(aWait(), { type: 'disconnect' }, WITH_TOKEN)).toEqual({ state: IDLE, effects: [{ type: 'stopTimer' }] });
    });
  });

  describe('resyncing', () => {
    const resyncing: ConnectionState = { kind: 'resyncing', retries: { attempt: 0, refreshes: 0 } };

    it('resumes from the seq of the REST refetch', () => {
      const sut = transition(resyncing, { type: 'resumeFrom', seq: 5000 }, WITH_TOKEN);

      expect(sut.state).toEqual(expect.objectContaining({ kind: 'opening', since: 5000, position: { lastSeq: 5000, coveredFrom: null } }));
      expect(sut.effects).toEqual([{ type: 'stopTimer' }, { type: 'openSocket', token: 'jwt-1', since: 5000 }]);
    });

    it('resumes from the log head when the grace timer fires', () => {
      const sut = transition(resyncing, { type: 'timerFired' }, WITH_TOKEN);

      expect(sut.effects).toEqual([{ type: 'openSocket', token: 'jwt-1', since: null }]);
    });

    it('ignores the online event', () => {
      expect(transition(resyncing, { type: 'online' }, WITH_TOKEN).effects).toEqual([]);
    });

    it('ignores resumeFrom in any other state', () => {
      expect(transition(aLive(), { type: 'resumeFrom', seq: 5 }, WITH_TOKEN)).toEqual({ state: aLive(), effects: [] });
    });
  });

  describe('derived status', () => {
    it.each<[ConnectionState, string, boolean]>([
      [IDLE, 'disconnected', false],
      [aHandshake(), 'connecting', true],
      [aLive(), 'connected', false],
      [aWait({ reason: 'failed' }), 'error', true],
      [aWait({ reason: 'closed' }), 'disconnected', true],
      [aWait({ reason: 'offline' }), 'disconnected', false],
    ])('%o is shown as %s (polling: %s)', (state, status, polling) => {
      expect(statusOf(state)).toBe(status);
      expect(needsPolling(state)).toBe(polling);
    });
  });
});
