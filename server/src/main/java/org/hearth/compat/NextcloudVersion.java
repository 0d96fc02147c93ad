package org.hearth.compat;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Nextcloud release Hearth presents itself as: clients switch features on by version. */
final class NextcloudVersion {

	static final int MAJOR = 28;

	static final int MINOR = 0;

	static final int MICRO = 4;

	static final String STRING = MAJOR + "." + MINOR + "." + MICRO;

	static final String FULL = STRING + ".1";

	private NextcloudVersion() {
	}

	static Map<String, Object> asMap() {
		Map<String, Object> version = new LinkedHashMap<>();
		version.put("major", MAJOR);
		version.put("minor", MINOR);
		version.put("micro", MICRO);
		version.put("string", STRING);
		version.put("edition", "");
		version.put("extendedSupport", false);
		return version;
	}
}
