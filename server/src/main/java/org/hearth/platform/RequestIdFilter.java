package org.hearth.platform;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@code X-Request-ID} (the Nextcloud clients send a UUID with each request)
 * or a new one. It is echoed in the response, put in the logging context as {@value #MDC_KEY} so every log line of
 * the request carries it, and each request is logged at DEBUG with its status and duration.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Request-ID";

	public static final String MDC_KEY = "requestId";

	private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

	/** Anything else (too long, odd characters) is replaced rather than written into logs. */
	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String sent = request.getHeader(HEADER);
		String id = sent != null && ACCEPTABLE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
		long start = System.nanoTime();
		MDC.put(MDC_KEY, id);
		response.setHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (log.isDebugEnabled()) {
				log.debug("{} {} -> {} in {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
						(System.nanoTime() - start) / 1_000_000);
			}
			MDC.remove(MDC_KEY);
		}
	}
}
