/** The live feed, for the side column of every signed-in page (the app wires the feature through activity.providers.ts). */
export { ActivityFeedComponent } from './activity-feed.component';
