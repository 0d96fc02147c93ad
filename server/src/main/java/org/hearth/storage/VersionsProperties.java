package org.hearth.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * File versions and their retention. Versions thin out with age (Nextcloud's staggered rule), labelled versions are
 * kept for good, and a user's versions together may use at most {@code spaceShare} of the space the user has left.
 * Versions do not count towards the quota.
 *
 * @param enabled whether an overwrite keeps the replaced content as a version; off, replaced content is gone (the
 * versions already kept stay until retention removes them).
 * @param maxAge versions older than this are removed even where the staggered rule would keep them (labelled
 * versions stay); empty for no limit.
 * @param spaceShare the largest part of a user's free space (the rest of the quota, or the free disk space without a
 * quota) that all the user's versions may take together; the oldest go first, the two newest never.
 */
@ConfigurationProperties("hearth.versions")
public record VersionsProperties(@DefaultValue("true") boolean enabled, Duration maxAge,
		@DefaultValue("0.5") double spaceShare) {
}
