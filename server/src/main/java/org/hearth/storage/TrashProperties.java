package org.hearth.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long deleted files stay in the trash. Items younger than {@code minAge} are always kept, items older than
 * {@code maxAge} always removed; in between, the oldest go first while a user's trash takes more than half of the
 * space they have left (quota or disk, whichever is smaller). The trash does not count towards the quota.
 *
 * @param minAge how long a deleted file or folder is kept at least, whatever space it takes.
 * @param maxAge how long a deleted file or folder is kept at most; its "kept until" date is its deletion time plus
 * this.
 */
@ConfigurationProperties("hearth.trash")
public record TrashProperties(@DefaultValue("30d") Duration minAge, @DefaultValue("90d") Duration maxAge) {
}
