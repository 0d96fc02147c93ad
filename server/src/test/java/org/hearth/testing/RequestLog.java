package org.hearth.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A test seam in front of everything else: records each request the server answers, so client tests can count what
 * a real client sent, and lets a test act once before a chosen request or spoil chosen responses (to prove that a
 * test notices a server that leaves out what clients need). Imported by {@link HearthIT}.
 */
public class RequestLog extends OncePerRequestFilter implements Ordered {

	/** One answered request. {@code uri} is the raw request URI. */
	public record Entry(long sequence, String method, String uri, String userAgent, int status) {

		public boolean from(String userAgentPart) {
			return userAgent != null && userAgent.contains(userAgentPart);
		}
	}

	/** Changes a response: drop headers and rewrite the body of the matching requests. */
	public record Spoiler(Predicate<HttpServletRequest> which, List<String> droppedHeaders,
			UnaryOperator<String> body) {
	}

	private record Hook(Predicate<HttpServletRequest> which, Runnable action) {
	}

	private final List<Entry> entries = new CopyOnWriteArrayList<>();

	private final AtomicReference<Hook> hook = new AtomicReference<>();

	private final AtomicReference<Spoiler> spoiler = new AtomicReference<>();

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/** A point in the log; {@link #since(long)} returns what came after it. */
	public long mark() {
		return entries.size();
	}

	public List<Entry> since(long mark) {
		List<Entry> all = new ArrayList<>(entries);
		return all.subList((int) Math.min(mark, all.size()), all.size());
	}

	/** Runs {@code action} once, just before the first request that matches is handled. */
	public void beforeNext(Predicate<HttpServletRequest> which, Runnable action) {
		hook.set(new Hook(which, action));
	}

	/** Spoils every matching response until {@link #stopSpoiling()}. */
	public void spoil(Spoiler spoil) {
		spoiler.set(spoil);
	}

	public void stopSpoiling() {
		spoiler.set(null);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Hook pending = hook.get();
		if (pending != null && pending.which().test(request) && hook.compareAndSet(pending, null)) {
			pending.action().run();
		}
		Spoiler spoil = spoiler.get();
		try {
			if (spoil != null && spoil.which().test(request)) {
				passSpoiled(request, response, chain, spoil);
			}
			else {
				chain.doFilter(request, response);
			}
		}
		finally {
			entries.add(new Entry(entries.size(), request.getMethod(), request.getRequestURI(),
					request.getHeader("User-Agent"), response.getStatus()));
		}
	}

	private static void passSpoiled(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			Spoiler spoil) throws ServletException, IOException {
		HttpServletResponse withoutHeaders = new HttpServletResponseWrapper(response) {
			@Override
			public void setHeader(String name, String value) {
				if (!dropped(name)) {
					super.setHeader(name, value);
				}
			}

			@Override
			public void addHeader(String name, String value) {
				if (!dropped(name)) {
					super.addHeader(name, value);
				}
			}

			private boolean dropped(String name) {
				return spoil.droppedHeaders().stream().anyMatch(name::equalsIgnoreCase);
			}
		};
		ContentCachingResponseWrapper caching = new ContentCachingResponseWrapper(withoutHeaders);
		chain.doFilter(request, caching);
		byte[] body = spoil.body()
			.apply(new String(caching.getContentAsByteArray(), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		response.setContentLength(body.length);
		if (body.length > 0) {
			response.getOutputStream().write(body);
		}
	}
}
