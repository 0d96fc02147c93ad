package org.hearth.trash.internal;

import java.util.concurrent.TimeUnit;

import org.hearth.storage.TrashService;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies the trash retention rules every hour; the service logs each removal and a summary. */
@Component
class TrashExpiry {

	private final TrashService trash;

	TrashExpiry(TrashService trash) {
		this.trash = trash;
	}

	@Scheduled(initialDelay = 5, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
	void expire() {
		trash.expire();
	}
}
