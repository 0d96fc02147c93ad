package org.hearth.storage;

import java.util.Map;

import org.hearth.storage.internal.SettingsRepository;
import org.springframework.stereotype.Component;

/**
 * Reads and changes the {@link SharingPolicy}. It is kept in memory and replaced on every change made through
 * here, so a switch applies to the next request.
 */
@Component
public class SharingPolicies {

	private static final String PREFIX = "sharing.";

	private final SettingsRepository settings;

	private volatile SharingPolicy current;

	public SharingPolicies(SettingsRepository settings) {
		this.settings = settings;
	}

	public SharingPolicy current() {
		SharingPolicy known = current;
		if (known == null) {
			known = read(settings.withPrefix(PREFIX));
			current = known;
		}
		return known;
	}

	public SharingPolicy update(SharingPolicy policy) {
		settings.put(Map.of(PREFIX + "links-enabled", Boolean.toString(policy.linksEnabled()),
				PREFIX + "public-upload-enabled", Boolean.toString(policy.publicUploadEnabled()),
				PREFIX + "password-required", Boolean.toString(policy.passwordRequired()),
				PREFIX + "default-expiry-days", Integer.toString(policy.defaultExpiryDays()),
				PREFIX + "max-expiry-days", Integer.toString(policy.maxExpiryDays())));
		current = policy;
		return policy;
	}

	private static SharingPolicy read(Map<String, String> stored) {
		SharingPolicy d = SharingPolicy.DEFAULT;
		return new SharingPolicy(flag(stored, "links-enabled", d.linksEnabled()),
				flag(stored, "public-upload-enabled", d.publicUploadEnabled()),
				flag(stored, "password-required", d.passwordRequired()),
				days(stored, "default-expiry-days", d.defaultExpiryDays()),
				days(stored, "max-expiry-days", d.maxExpiryDays()));
	}

	private static boolean flag(Map<String, String> stored, String name, boolean fallback) {
		String value = stored.get(PREFIX + name);
		return value == null ? fallback : Boolean.parseBoolean(value);
	}

	private static int days(Map<String, String> stored, String name, int fallback) {
		String value = stored.get(PREFIX + name);
		return value == null ? fallback : Integer.parseInt(value);
	}
}
