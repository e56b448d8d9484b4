/**
 * @taskpulse/test-support: the one copy of the helpers the backend specs and the e2e suites share. Specs and suites
 * map it to this source; the compiled benchmark loads its build.
 */
export * from './audience-model';
export * from './databases';
export * from './tokens';
export * from './wait';
