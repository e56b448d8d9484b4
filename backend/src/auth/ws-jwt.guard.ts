import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { closeCodes } from '@taskpulse/contract';
import { InvalidTokenError, TokenVerifier, type VerifiedToken } from './token-verifier';

/** Who a socket was authenticated as, and until when; set when the connection is accepted. */
export interface SocketAuth {
  userId: string;
  /** The session of the token the socket was opened (or last re-authenticated) with; ending it closes the socket. */
  sessionId: string | null;
  expiresAt: number;
}

/** A client message that carried a token, after WsJwtGuard checked it: null when the token is not valid. */
export interface WithVerifiedToken {
  verified?: VerifiedToken | null;
}

const authBySocket = new WeakMap<object, SocketAuth>();

export function setSocketAuth(socket: object, auth: SocketAuth): void {
  authBySocket.set(socket, auth);
}

export function socketAuth(socket: object): SocketAuth | undefined {
  return authBySocket.get(socket);
}

const OPEN = 1;

/**
 * Guards every client message on the socket: the connection must have been accepted with a token
 * (handleConnection checks it, since guards do not run on connect) that has not expired since; an expired one
 * closes 4401. A message carrying a `token` (`auth`) has it checked by the same TokenVerifier and the outcome
 * attached as `verified` (null when invalid), so the handler answers in order with the other replies.
 */
@Injectable()
export class WsJwtGuard implements CanActivate {
  constructor(private readonly verifier: TokenVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'ws') return true;
    const socket = context.switchToWs().getClient<{ readyState: number; close(code: number, reason: string): void }>();
    const auth = socketAuth(socket);
    if (!auth || socket.readyState !== OPEN) return false;
    if (auth.expiresAt <= Date.now()) {
      socket.close(closeCodes.TOKEN_INVALID, 'token expired');
      return false;
    }
    const message = context.switchToWs().getData<(WithVerifiedToken & { token?: unknown }) | null>();
    if (message && typeof message === 'object' && 'token' in message) {
      try {
        message.verified = this.verifier.verify(message.token);
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
        message.verified = null;
      }
    }
    return true;
  }
}
