package org.hearth.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention of file versions. Versions thin out with age (Nextcloud's staggered rule), labelled versions are kept
 * for good, and a user's versions together may use at most {@code spaceShare} of the space the user has left.
 * Versions do not count towards the quota.
 *
 * @param maxAge versions older than this are removed even where the staggered rule would keep them (labelled
 * versions stay); empty for no limit.
 * @param spaceShare the largest part of a user's free space (the rest of the quota, or the free disk space without a
 * quota) that all the user's versions may take together; the oldest go first, the two newest never.
 */
@ConfigurationProperties("hearth.versions")
public record VersionsProperties(Duration maxAge, @DefaultValue("0.5") double spaceShare) {
}
