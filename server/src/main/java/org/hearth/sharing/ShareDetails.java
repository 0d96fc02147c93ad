package org.hearth.sharing;

import org.hearth.storage.Node;

/**
 * A share together with its node as the person asking sees it (their path: their own tree, the mount of a share
 * they received, or the share they reshared through).
 */
public record ShareDetails(Share share, Node node) {
}
