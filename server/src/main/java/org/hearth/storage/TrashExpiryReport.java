package org.hearth.storage;

import java.util.Map;

/**
 * What one expiry run removed.
 *
 * @param byReason how many items each reason removed: {@code max-age} or {@code space}
 */
public record TrashExpiryReport(int removed, long bytes, Map<String, Integer> byReason) {
}
