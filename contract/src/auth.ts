/** Accounts and sessions. */

export interface PublicUser {
  id: string;
  email: string;
  name: string;
}

export interface AuthSession {
  user: PublicUser;
  access_token: string;
  refresh_token: string;
  /** Lifetime of the access token in seconds. */
  expires_in: number;
}
