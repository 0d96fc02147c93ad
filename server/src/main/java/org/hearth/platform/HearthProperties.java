package org.hearth.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every feature needs to start.
 *
 * @param dataDir the data folder: users' files live in plain folders below {@code users/}, Hearth's own state below
 * {@code .hearth/} (database, temporary uploads). Environment: {@code HEARTH_DATA_DIR}, default {@code ./data}.
 * @param instanceName the name shown to users and clients.
 */
@ConfigurationProperties("hearth")
public record HearthProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("Hearth") String instanceName) {

	public HearthProperties {
		dataDir = dataDir.toAbsolutePath().normalize();
	}
}
