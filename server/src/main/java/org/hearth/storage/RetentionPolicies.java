package org.hearth.storage;

import java.util.Map;
import java.util.function.ToLongFunction;

import org.hearth.storage.internal.SettingsRepository;
import org.springframework.stereotype.Component;

/**
 * Reads and changes the {@link RetentionPolicy}, stored in the settings table beside the sharing policy; a value the
 * admin never set is the configured one. Kept in memory and replaced on every change made through here, so the next
 * expiry run and listing use it.
 */
@Component
public class RetentionPolicies {

	private static final String PREFIX = "retention.";

	private final SettingsRepository settings;

	private final RetentionPolicy configured;

	private volatile RetentionPolicy current;

	public RetentionPolicies(SettingsRepository settings, TrashProperties trash, VersionsProperties versions) {
		this.settings = settings;
		this.configured = new RetentionPolicy(trash.minAge().toSeconds(), trash.maxAge().toSeconds(),
				versions.maxAge() == null ? 0 : versions.maxAge().toSeconds(), versions.spaceShare());
	}

	public RetentionPolicy current() {
		RetentionPolicy known = current;
		if (known == null) {
			known = read(settings.withPrefix(PREFIX));
			current = known;
		}
		return known;
	}

	public RetentionPolicy update(RetentionPolicy policy) {
		settings.put(Map.of(PREFIX + "trash-min-age-seconds", Long.toString(policy.trashMinAgeSeconds()),
				PREFIX + "trash-max-age-seconds", Long.toString(policy.trashMaxAgeSeconds()),
				PREFIX + "versions-max-age-seconds", Long.toString(policy.versionsMaxAgeSeconds()),
				PREFIX + "versions-space-share", Double.toString(policy.versionsSpaceShare())));
		current = policy;
		return policy;
	}

	private RetentionPolicy read(Map<String, String> stored) {
		return new RetentionPolicy(seconds(stored, "trash-min-age-seconds", RetentionPolicy::trashMinAgeSeconds),
				seconds(stored, "trash-max-age-seconds", RetentionPolicy::trashMaxAgeSeconds),
				seconds(stored, "versions-max-age-seconds", RetentionPolicy::versionsMaxAgeSeconds),
				stored.containsKey(PREFIX + "versions-space-share")
						? Double.parseDouble(stored.get(PREFIX + "versions-space-share"))
						: configured.versionsSpaceShare());
	}

	private long seconds(Map<String, String> stored, String name, ToLongFunction<RetentionPolicy> fallback) {
		String value = stored.get(PREFIX + name);
		return value == null ? fallback.applyAsLong(configured) : Long.parseLong(value);
	}
}
