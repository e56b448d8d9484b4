/** The bell for the header (the app wires the feature through notifications.providers.ts). */
export { NotificationBellComponent } from './notification-bell/notification-bell.component';
