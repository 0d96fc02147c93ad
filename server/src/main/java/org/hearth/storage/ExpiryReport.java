package org.hearth.storage;

import java.util.Map;

/**
 * What one run of version expiry removed: how many versions, their bytes, and how many for each reason.
 */
public record ExpiryReport(int removed, long bytes, Map<VersionRetention.Reason, Integer> byReason) {
}
