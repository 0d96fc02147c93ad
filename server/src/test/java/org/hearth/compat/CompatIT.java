package org.hearth.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.hearth.platform.RequestIdFilter;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Discovery endpoints answer exactly as Nextcloud clients expect (spec §1, §2). */
class CompatIT extends HearthIT {

	@Test
	void statusNeedsNoCredentials() {
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		var response = anonymous.send(anonymous.request("GET", baseUrl() + "/status.php", null));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"installed\":true", "\"version\":\"28.0.4.1\"",
				"\"productname\":\"Nextcloud\"", "\"maintenance\":false");
	}

	@Test
	void capabilitiesInJsonAndXmlOnBothVersions() {
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		var v1 = anonymous.send(anonymous.request("GET", baseUrl() + "/ocs/v1.php/cloud/capabilities?format=json", null));
		assertThat(v1.statusCode()).isEqualTo(200);
		assertThat(v1.body()).contains("\"statuscode\":100", "\"status\":\"ok\"", "\"major\":28",
				"\"webdav-root\":\"remote.php/webdav\"");
		assertThat(v1.body()).as("chunked upload v2 (spec §2.3, §6.2)").contains("\"dav\":{\"chunking\":\"1.0\"}",
				"\"bigfilechunking\":true");
		assertThat(v1.body()).as("bulk upload is not implemented").doesNotContain("bulkupload");
		var v2 = anonymous.send(anonymous.request("GET", baseUrl() + "/ocs/v2.php/cloud/capabilities", null));
		assertThat(v2.statusCode()).isEqualTo(200);
		assertThat(v2.headers().firstValue("Content-Type").orElse("")).contains("xml");
		assertThat(v2.body()).contains("<ocs><meta><status>ok</status><statuscode>200</statuscode>",
				"<element>.htaccess</element>");
	}

	@Test
	void capabilitiesAreRefreshedConditionally() {
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		String url = baseUrl() + "/ocs/v2.php/cloud/capabilities?format=json";
		var first = anonymous.send(anonymous.request("GET", url, null));
		String etag = first.headers().firstValue("ETag").orElseThrow();
		var again = anonymous.send(anonymous.request("GET", url, null).header("If-None-Match", etag));
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		var stale = anonymous.send(anonymous.request("GET", url, null).header("If-None-Match", "\"0-stale\""));
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.body()).isEqualTo(first.body());
	}

	@Test
	void requestIdIsEchoedAndNewOnesAreMadeWhenMissingOrOdd() {
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		String url = baseUrl() + "/status.php";
		var sent = anonymous.send(anonymous.request("GET", url, null).header("X-Request-ID",
				"4408aa04-eafe-4249-bfc0-e87168c0cc31"));
		assertThat(sent.headers().firstValue("X-Request-ID")).hasValue("4408aa04-eafe-4249-bfc0-e87168c0cc31");
		var none = anonymous.send(anonymous.request("GET", url, null));
		assertThat(none.headers().firstValue("X-Request-ID").orElseThrow()).matches("[0-9a-f-]{36}");
		var odd = anonymous.send(anonymous.request("GET", url, null).header("X-Request-ID", "a b\"<script>"));
		assertThat(odd.headers().firstValue("X-Request-ID").orElseThrow()).matches("[0-9a-f-]{36}");
	}

	@Test
	void everyLogLineOfARequestCarriesItsId() throws InterruptedException {
		Logger logger = (Logger) LoggerFactory.getLogger(RequestIdFilter.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>() {
			@Override
			protected void append(ILoggingEvent event) {
				// the MDC is read lazily, on whichever thread asks first; take it now, on the request's thread
				event.prepareForDeferredProcessing();
				super.append(event);
			}
		};
		appender.start();
		Level before = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		logger.addAppender(appender);
		try {
			DavClient user = newUser("reqid");
			user.send(user.request("PROPFIND", user.url(""), null)
				.header("Depth", "0")
				.header("X-Request-ID", "c0ffee00-1234-4abc-9def-000000000042"));
			// the line is written after the answer has gone out, so the client can be faster than the log
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (appender.list.stream().noneMatch(event -> event.getFormattedMessage().startsWith("PROPFIND"))
					&& System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(before);
		}
		assertThat(appender.list).anySatisfy(event -> {
			assertThat(event.getFormattedMessage()).matches("PROPFIND /remote.php/dav/files/reqid-[0-9a-f]+/ -> 207 in \\d+ ms");
			assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "c0ffee00-1234-4abc-9def-000000000042");
		});
	}

	@Test
	void currentUserWithQuota() {
		DavClient user = newUser("ocs", 1_000_000);
		user.put("ten.txt", "0123456789");
		var response = user.send(user.request("GET", baseUrl() + "/ocs/v2.php/cloud/user?format=json", null));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":\"" + user.username() + "\"", "\"used\":10",
				"\"total\":1000000", "\"free\":999990");
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		var refused = anonymous.send(anonymous.request("GET", baseUrl() + "/ocs/v1.php/cloud/user?format=json", null));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("997");
	}
}
