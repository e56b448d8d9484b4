/** A session ended (logout, or a reused refresh token revoked its family): its access tokens and sockets go now. */
export class SessionRevokedEvent {
  static readonly eventName = 'auth.session-revoked' as const;
  constructor(
    readonly sessionId: string,
    readonly userId: string,
  ) {}
}
