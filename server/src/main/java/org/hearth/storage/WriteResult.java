package org.hearth.storage;

/** The node after a write, and whether the write created it. */
public record WriteResult(Node node, boolean created) {
}
