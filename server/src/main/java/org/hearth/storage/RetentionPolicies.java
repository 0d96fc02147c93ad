package org.hearth.storage;

import java.util.Map;
import java.util.function.ToLongFunction;

import org.hearth.storage.internal.SettingsRepository;
import org.hearth.storage.internal.StoredPolicy;
import org.springframework.stereotype.Component;

/**
 * Reads and changes the {@link RetentionPolicy}, stored in the settings table beside the sharing policy; a value the
 * admin never set, or set to the configured one, is the configured one. Kept in memory and replaced on every change
 * made through here, so the next expiry run and listing use it.
 */
@Component
public class RetentionPolicies {

	private final RetentionPolicy configured;

	private final StoredPolicy<RetentionPolicy> stored;

	public RetentionPolicies(SettingsRepository settings, TrashProperties trash, VersionsProperties versions) {
		this.configured = new RetentionPolicy(trash.minAge().toSeconds(), trash.maxAge().toSeconds(),
				versions.maxAge() == null ? 0 : versions.maxAge().toSeconds(), versions.spaceShare());
		this.stored = new StoredPolicy<>(settings, "retention.", this::read,
				policy -> Map.of("trash-min-age-seconds", Long.toString(policy.trashMinAgeSeconds()),
						"trash-max-age-seconds", Long.toString(policy.trashMaxAgeSeconds()),
						"versions-max-age-seconds", Long.toString(policy.versionsMaxAgeSeconds()),
						"versions-space-share", Double.toString(policy.versionsSpaceShare())),
				configured);
	}

	public RetentionPolicy current() {
		return stored.current();
	}

	public RetentionPolicy update(RetentionPolicy policy) {
		return stored.update(policy);
	}

	private RetentionPolicy read(Map<String, String> values) {
		String share = values.get("versions-space-share");
		return new RetentionPolicy(seconds(values, "trash-min-age-seconds", RetentionPolicy::trashMinAgeSeconds),
				seconds(values, "trash-max-age-seconds", RetentionPolicy::trashMaxAgeSeconds),
				seconds(values, "versions-max-age-seconds", RetentionPolicy::versionsMaxAgeSeconds),
				share == null ? configured.versionsSpaceShare() : Double.parseDouble(share));
	}

	private long seconds(Map<String, String> values, String name, ToLongFunction<RetentionPolicy> fallback) {
		String value = values.get(name);
		return value == null ? fallback.applyAsLong(configured) : Long.parseLong(value);
	}
}
