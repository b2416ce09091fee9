import { SubscriptionRegistry } from './event-store/subscriptions/subscription-registry';

/**
 * The name of every subscription (and so of its checkpoint, its lag metric and its health
 * entry). A name is persisted in `subscription_checkpoints`: renaming one starts a new
 * subscription from the beginning of the log.
 */
export const SUBSCRIPTIONS = {
  appointmentDetails: 'appointment-details',
  doctorSchedule: 'doctor-schedule',
  scheduleBlocks: 'schedule-blocks',
  reminderSchedule: 'reminder-schedule',
  integrationEvents: 'integration-events',
  emailNotifications: 'email-notifications',
  liveUpdates: 'live-updates',
  waitlistOffers: 'waitlist-offers',
} as const;

/**
 * Who reacts to events (appointments', schedules', holds' and waitlist entries'): the one list the runner checks the handlers against at
 * start-up, and that the rebuild command, the health check and the README's table follow.
 * This file imports no feature code, so that a command's `--help` can list it at once.
 */
export const SUBSCRIPTION_REGISTRY = new SubscriptionRegistry([
  {
    name: SUBSCRIPTIONS.appointmentDetails,
    feeds: [{ kind: 'read table', target: 'appointment_details' }],
    onFailure: 'stop',
    rebuildable: true,
  },
  {
    name: SUBSCRIPTIONS.doctorSchedule,
    feeds: [{ kind: 'read table', target: 'doctor_schedule' }],
    onFailure: 'stop',
    rebuildable: true,
  },
  {
    name: SUBSCRIPTIONS.scheduleBlocks,
    feeds: [{ kind: 'read table', target: 'schedule_blocks' }],
    onFailure: 'stop',
    rebuildable: true,
  },
  {
    name: SUBSCRIPTIONS.reminderSchedule,
    feeds: [{ kind: 'read table', target: 'reminders' }],
    onFailure: 'stop',
    rebuildable: true,
  },
  {
    name: SUBSCRIPTIONS.integrationEvents,
    feeds: [{ kind: 'read table', target: 'integration_events' }],
    onFailure: 'stop',
    rebuildable: true,
  },
  {
    name: SUBSCRIPTIONS.emailNotifications,
    feeds: [{ kind: 'outbox', target: 'email_outbox' }],
    onFailure: 'park',
    rebuildable: false,
  },
  {
    name: SUBSCRIPTIONS.liveUpdates,
    feeds: [{ kind: 'push', target: 'live dashboards (socket.io)' }],
    onFailure: 'park',
    rebuildable: false,
  },
  {
    name: SUBSCRIPTIONS.waitlistOffers,
    feeds: [{ kind: 'process', target: 'waitlist_entries' }],
    onFailure: 'park',
    rebuildable: false,
  },
]);
