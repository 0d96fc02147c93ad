package org.hearth.uploads.internal;

import java.util.concurrent.TimeUnit;

import org.hearth.uploads.UploadService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes idle upload sessions at start and every quarter of an hour. At start, before the web server opens, it
 * also removes what a crash left half made: while no request runs, a session without parts or parts without a
 * session cannot be one being opened.
 */
@Component
class UploadExpiry implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(UploadExpiry.class);

	private final UploadService uploads;

	UploadExpiry(UploadService uploads) {
		this.uploads = uploads;
	}

	@Override
	public void afterSingletonsInstantiated() {
		uploads.removeOrphans();
		expire();
	}

	@Scheduled(initialDelay = 15, fixedDelay = 15, timeUnit = TimeUnit.MINUTES)
	void expire() {
		int removed = uploads.expireIdle();
		if (removed > 0) {
			log.info("removed {} idle upload sessions", removed);
		}
	}
}
