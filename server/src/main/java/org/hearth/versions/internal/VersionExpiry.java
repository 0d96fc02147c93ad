package org.hearth.versions.internal;

import java.util.concurrent.TimeUnit;

import org.hearth.storage.VersionService;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies version retention every hour; admins can also run it by hand (API and CLI). */
@Component
class VersionExpiry {

	private final VersionService versions;

	VersionExpiry(VersionService versions) {
		this.versions = versions;
	}

	@Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.HOURS)
	void expire() {
		versions.expire();
	}
}
