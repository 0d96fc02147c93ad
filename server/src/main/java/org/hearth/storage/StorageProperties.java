package org.hearth.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How file content is written to the data folder.
 *
 * @param directWrites whether bodies larger than 16 KiB are written with direct I/O, past the page cache (ADR 0013):
 * they must be on disk before the answer anyway, and copying them into the page cache first only costs CPU and
 * memory. Where the file system refuses direct I/O, Hearth writes through the page cache whatever this says; turn it
 * off for a file system that accepts direct I/O but is slow with it.
 */
@ConfigurationProperties("hearth.storage")
public record StorageProperties(@DefaultValue("true") boolean directWrites) {
}
