package org.hearth.storage.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.springframework.stereotype.Component;

/**
 * In-process mutual exclusion for changes. Writes of single files take their home's shared lock plus a stripe
 * keyed by path, so uploads to different files run in parallel; changes to whole subtrees (move, copy, delete)
 * take the home's exclusive lock so no upload lands in a folder while it moves.
 */
@Component
public class HomeGuards {

	private static final int STRIPES = 1024;

	private final ConcurrentHashMap<Long, ReadWriteLock> homes = new ConcurrentHashMap<>();

	private final Lock[] stripes = new Lock[STRIPES];

	public HomeGuards() {
		for (int i = 0; i < STRIPES; i++) {
			stripes[i] = new ReentrantLock();
		}
	}

	public <T> T forFile(long ownerId, String path, java.util.function.Supplier<T> work) {
		Lock shared = home(ownerId).readLock();
		Lock stripe = stripes[Math.floorMod((ownerId + ":" + path).hashCode(), STRIPES)];
		shared.lock();
		stripe.lock();
		try {
			return work.get();
		}
		finally {
			stripe.unlock();
			shared.unlock();
		}
	}

	public <T> T forTree(long ownerId, java.util.function.Supplier<T> work) {
		Lock exclusive = home(ownerId).writeLock();
		exclusive.lock();
		try {
			return work.get();
		}
		finally {
			exclusive.unlock();
		}
	}

	private ReadWriteLock home(long ownerId) {
		return homes.computeIfAbsent(ownerId, id -> new ReentrantReadWriteLock());
	}
}
