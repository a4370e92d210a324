// When to try a delivery again. Pure: the caller passes "now" and how many tries were made.

export type DeliveryChannel = "email" | "webhook";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The delay before each try, counted from the previous try's failure (the first is immediate).
 * Webhooks follow the Standard Webhooks recommendation (immediately, 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h: about 27.5 hours in all). Email gets fewer, slower tries: an SMTP relay queues and
 * retries by itself once it has accepted a message, so these only cover a relay that is down or
 * refusing (about 8.5 hours in all). No jitter: a run is reproducible, and the tries of one fan-out
 * are spread anyway by the time each one failed.
 */
export const RETRY_SCHEDULES: Readonly<Record<DeliveryChannel, readonly number[]>> = {
  webhook: [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  email: [0, 1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR],
};

/** How many tries a delivery gets in all. */
export function maxAttempts(channel: DeliveryChannel): number {
  return RETRY_SCHEDULES[channel].length;
}

/**
 * When to make the next try after `attemptsMade` tries (the last one at about `now`) failed, or null
 * when that was the last try and the delivery has failed.
 */
export function nextAttemptAt(channel: DeliveryChannel, attemptsMade: number, now: Date): Date | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 0) {
    throw new RangeError(`attemptsMade must be a whole number ≥ 0, got ${attemptsMade}`);
  }
  if (Number.isNaN(now.getTime())) {
    throw new RangeError("now is not a valid Date");
  }
  const delay = RETRY_SCHEDULES[channel][attemptsMade];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}
