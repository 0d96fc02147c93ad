package org.hearth.storage;

import java.util.Set;

/**
 * Published after files left the trash for good (removed, emptied or expired): their ids will never name anything
 * again, so whatever was derived from them (previews) can go.
 */
public record FilesPurged(long ownerId, Set<Long> fileIds) {
}
