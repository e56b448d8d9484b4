/** Names for user ids, shared by the tasks' share panel (which teaches it names) and the activity feed. */
export { PeopleDirectory } from './people-directory';
