package org.hearth.storage;

import java.util.Map;

/**
 * What one expiry run (versions or trash) removed: how many, their bytes, and how many for each reason
 * ({@code staggered}, {@code max-age}, {@code space}).
 */
public record ExpiryReport(int removed, long bytes, Map<String, Integer> byReason) {
}
