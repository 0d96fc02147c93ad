/**
 * The storage core: nodes, their metadata and bytes, locks, quota and the start-up reconciliation. Every change of
 * names or bytes goes through {@link org.hearth.storage.StorageService}. This package knows no protocol and no
 * other feature; only {@code storage.internal} touches users' files.
 */
package org.hearth.storage;
