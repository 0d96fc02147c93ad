package org.hearth.storage;

import java.util.Map;

import org.hearth.storage.internal.SettingsRepository;
import org.hearth.storage.internal.StoredPolicy;
import org.springframework.stereotype.Component;

/**
 * Reads and changes the {@link SharingPolicy}. It is kept in memory and replaced on every change made through
 * here, so a switch applies to the next request.
 */
@Component
public class SharingPolicies {

	private final StoredPolicy<SharingPolicy> stored;

	public SharingPolicies(SettingsRepository settings) {
		this.stored = new StoredPolicy<>(settings, "sharing.", SharingPolicies::read,
				policy -> Map.of("links-enabled", Boolean.toString(policy.linksEnabled()), "public-upload-enabled",
						Boolean.toString(policy.publicUploadEnabled()), "password-required",
						Boolean.toString(policy.passwordRequired()), "default-expiry-days",
						Integer.toString(policy.defaultExpiryDays()), "max-expiry-days",
						Integer.toString(policy.maxExpiryDays())),
				SharingPolicy.DEFAULT);
	}

	public SharingPolicy current() {
		return stored.current();
	}

	public SharingPolicy update(SharingPolicy policy) {
		return stored.update(policy);
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
		String value = stored.get(name);
		return value == null ? fallback : Boolean.parseBoolean(value);
	}

	private static int days(Map<String, String> stored, String name, int fallback) {
		String value = stored.get(name);
		return value == null ? fallback : Integer.parseInt(value);
	}
}
