package org.hearth.storage;

import java.util.List;

/** One page of a trash listing, newest first, with the totals of the whole trash. */
public record TrashPage(List<TrashItem> items, long total, long totalBytes) {
}
