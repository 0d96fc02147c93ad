package org.hearth.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.hearth.accounts.internal.AppPasswordRepository;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * When each device last used its app password. A request whose credentials are in the {@link CredentialCache} never
 * reaches the database, so use is noted here in memory (a map write per request) and written out at the flush
 * interval: one update per device that was used, however many requests it sent.
 */
@Component
class AppPasswordUsage implements SchedulingConfigurer {

	private final Map<Long, Instant> unsaved = new ConcurrentHashMap<>();

	private final AppPasswordRepository repository;

	private final Clock clock;

	private final AccountsProperties.AppPasswords settings;

	AppPasswordUsage(AppPasswordRepository repository, Clock clock, AccountsProperties properties) {
		this.repository = repository;
		this.clock = clock;
		this.settings = properties.appPasswords();
	}

	void record(long appPasswordId) {
		unsaved.put(appPasswordId, clock.instant());
	}

	/** The last use not yet written to the database, if any. */
	Instant unsavedLastUse(long appPasswordId) {
		return unsaved.get(appPasswordId);
	}

	void forget(long appPasswordId) {
		unsaved.remove(appPasswordId);
	}

	/** Writes the noted uses; a use noted meanwhile stays for the next flush. */
	@PreDestroy
	void flush() {
		for (Map.Entry<Long, Instant> use : unsaved.entrySet()) {
			repository.recordLastUse(use.getKey(), use.getValue());
			unsaved.remove(use.getKey(), use.getValue());
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::flush, settings.lastUsedFlushInterval());
	}
}
