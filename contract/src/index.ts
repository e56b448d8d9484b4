/**
 * @taskpulse/contract: the public contract of the server, REST answers and the `/api/ws` protocol, as the one
 * definition imported by the backend, the web app and the e2e suites. Types and constants only; no runtime imports.
 */
export * from './activity';
export * from './auth';
export * from './comment';
export * from './dashboard';
export * from './errors';
export * from './notification';
export * from './realtime';
export * from './task';
export * from './team';
