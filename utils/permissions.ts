/** The one permission asked for at run time besides hosts: notifications, when the person turns them on. */
export const NOTIFICATIONS_PERMISSION = { permissions: ['notifications'] } as { permissions: ['notifications'] };
