package dev.openpanel.camel.component.limit;

/**
 * Permission to send one request, granted by {@link ClientRateLimiter#acquire()}. Hand it back with the answer
 * ({@link ClientRateLimiter#onAnswer}) or, when the request never left, with {@link ClientRateLimiter#onNotSent}.
 *
 * @param sequence     order in which permits were granted
 * @param grantedAt    {@link System#nanoTime()} when granted (the send time)
 * @param waitedNanos  how long the caller waited for it
 */
public record Permit(long sequence, long grantedAt, long waitedNanos) {
}
