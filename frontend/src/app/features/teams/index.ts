/** What other features may use of teams; the app itself wires the feature through teams.routes.ts and teams.providers.ts. */
export { TeamsStore } from './data/teams-store';
