package org.hearth.storage.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One admin policy kept in the settings table under its own name prefix, read once and then served from memory; a
 * change made through here replaces the copy in memory too, so it applies to the next request.
 */
public final class StoredPolicy<T> {

	private final SettingsRepository settings;

	private final String prefix;

	private final Function<Map<String, String>, T> read;

	private final Function<T, Map<String, String>> write;

	private volatile T current;

	/**
	 * @param read the policy from the stored values (names without the prefix); absent names take their defaults
	 * @param write the values to store for a policy (names without the prefix)
	 */
	public StoredPolicy(SettingsRepository settings, String prefix, Function<Map<String, String>, T> read,
			Function<T, Map<String, String>> write) {
		this.settings = settings;
		this.prefix = prefix;
		this.read = read;
		this.write = write;
	}

	public T current() {
		T known = current;
		if (known == null) {
			Map<String, String> stored = new HashMap<>();
			settings.withPrefix(prefix).forEach((name, value) -> stored.put(name.substring(prefix.length()), value));
			known = read.apply(stored);
			current = known;
		}
		return known;
	}

	public T update(T policy) {
		Map<String, String> values = new HashMap<>();
		write.apply(policy).forEach((name, value) -> values.put(prefix + name, value));
		settings.put(values);
		current = policy;
		return policy;
	}
}
