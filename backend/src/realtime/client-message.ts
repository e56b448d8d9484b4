import { clientMessageTypes, type ErrorCode, errorCodes } from '@taskpulse/contract';
import { checkPresence, type PresenceInput } from './presence/presence-input';

/** Routing key for frames that are not a valid client message; only the parser produces it. */
export const INVALID_CLIENT_MESSAGE = '#invalid';

export interface PingMessage {
  type: 'ping';
  id: string | null;
}

export interface AuthMessage {
  type: 'auth';
  token: string;
}

export interface InvalidMessage {
  code: ErrorCode;
  message: string;
}

export type ParsedFrame =
  | { event: 'ping'; data: PingMessage }
  | { event: 'auth'; data: AuthMessage }
  | { event: 'presence'; data: PresenceInput & { type: 'presence' } }
  | { event: typeof INVALID_CLIENT_MESSAGE; data: InvalidMessage };

const MAX_PING_ID = 128;

function invalid(code: ErrorCode, message: string): ParsedFrame {
  return { event: INVALID_CLIENT_MESSAGE, data: { code, message } };
}

/**
 * Turns one frame into a routed message for the gateway's handlers. Every frame gets routed, so a bad one is
 * answered with an `error` event (and the connection stays open) instead of being dropped silently.
 * Unknown extra fields are ignored, so clients may add some without breaking older servers.
 */
export function parseClientFrame(data: unknown): ParsedFrame {
  if (typeof data !== 'string') return invalid(errorCodes.BAD_JSON, 'frames must be text holding one JSON object');
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return invalid(errorCodes.BAD_JSON, 'frame is not valid JSON');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return invalid(errorCodes.BAD_FIELD, 'a message must be a JSON object');
  }
  const { type, id, token } = message as Record<string, unknown>;
  if (type === 'presence') {
    const checked = checkPresence(message as Record<string, unknown>);
    return 'problem' in checked ? invalid(errorCodes.BAD_FIELD, checked.problem) : { event: 'presence', data: { type, ...checked } };
  }
  if (typeof type !== 'string') return invalid(errorCodes.BAD_FIELD, 'type must be a string');
  if (!(clientMessageTypes as readonly string[]).includes(type)) {
    return invalid(errorCodes.UNKNOWN_TYPE, `unknown type; expected one of ${clientMessageTypes.join(', ')}`);
  }
  if (type === 'ping') {
    if (id !== undefined && id !== null && (typeof id !== 'string' || id.length > MAX_PING_ID)) {
      return invalid(errorCodes.BAD_FIELD, `id must be a string of at most ${MAX_PING_ID} characters`);
    }
    return { event: 'ping', data: { type, id: id ?? null } };
  }
  if (typeof token !== 'string' || token.length === 0) return invalid(errorCodes.BAD_FIELD, 'token must be a non-empty string');
  return { event: 'auth', data: { type: 'auth', token } };
}
