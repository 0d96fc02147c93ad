package org.hearth.uploads.internal;

import java.util.concurrent.TimeUnit;

import org.hearth.uploads.UploadService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Removes idle upload sessions at start and every quarter of an hour; at start also what a crash left behind. */
@Component
class UploadExpiry {

	private static final Logger log = LoggerFactory.getLogger(UploadExpiry.class);

	private final UploadService uploads;

	UploadExpiry(UploadService uploads) {
		this.uploads = uploads;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
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
