// A complaint's two clocks: acknowledged within 7 days of arriving, resolved within 28. Editors are
// reminded when a deadline is this near (or already past) and the step is not done.
const DAY_MS = 24 * 3600_000;

export const ACKNOWLEDGE_WITHIN_DAYS = 7;
export const RESOLVE_WITHIN_DAYS = 28;
export const ACKNOWLEDGE_REMINDER_DAYS_BEFORE = 2;
export const RESOLVE_REMINDER_DAYS_BEFORE = 5;

export const acknowledgeBy = (receivedAt: Date) => new Date(receivedAt.getTime() + ACKNOWLEDGE_WITHIN_DAYS * DAY_MS);
export const resolveBy = (receivedAt: Date) => new Date(receivedAt.getTime() + RESOLVE_WITHIN_DAYS * DAY_MS);

/** The latest arrival time whose acknowledgement reminder is due at `now`. */
export const acknowledgementReminderCutoff = (now: Date) => new Date(now.getTime() - (ACKNOWLEDGE_WITHIN_DAYS - ACKNOWLEDGE_REMINDER_DAYS_BEFORE) * DAY_MS);
export const resolutionReminderCutoff = (now: Date) => new Date(now.getTime() - (RESOLVE_WITHIN_DAYS - RESOLVE_REMINDER_DAYS_BEFORE) * DAY_MS);

/** "in 3 days", "today", "2 days overdue": how a deadline stands at `now`. */
export function deadlineInWords(deadline: Date, now: Date): { text: string; overdue: boolean } {
  const days = Math.floor((deadline.getTime() - now.getTime()) / DAY_MS);
  if (deadline.getTime() < now.getTime()) {
    const late = Math.max(1, Math.ceil((now.getTime() - deadline.getTime()) / DAY_MS));
    return { text: `${late} ${late === 1 ? "day" : "days"} overdue`, overdue: true };
  }
  if (days === 0) return { text: "due within a day", overdue: false };
  return { text: `in ${days} ${days === 1 ? "day" : "days"}`, overdue: false };
}
