package org.hearth.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A folder listing costs the same number of SQL statements whether it holds 5 entries or 300. */
class PropfindQueryCountIT extends HearthIT {

	static final AtomicLong STATEMENTS = new AtomicLong();

	@TestConfiguration
	static class CountingDataSource {

		@Bean
		static BeanPostProcessor countStatements() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof DataSource dataSource)) {
						return bean;
					}
					return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
							(proxy, method, args) -> {
								Object result = method.invoke(dataSource, args);
								return result instanceof Connection connection ? counting(connection) : result;
							});
				}
			};
		}

		private static Connection counting(Connection connection) {
			return (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")
								|| method.getName().equals("prepareCall")) {
							STATEMENTS.incrementAndGet();
						}
						try {
							return method.invoke(connection, args);
						}
						catch (java.lang.reflect.InvocationTargetException e) {
							throw e.getCause();
						}
					});
		}
	}

	private static final String ALL_PROPS = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\" xmlns:oc=\"http://owncloud.org/ns\""
			+ " xmlns:nc=\"http://nextcloud.org/ns\"><d:prop><d:resourcetype/><d:getlastmodified/><d:getcontentlength/>"
			+ "<d:getetag/><oc:id/><oc:fileid/><oc:permissions/><oc:size/><oc:checksums/><nc:has-preview/>"
			+ "<oc:share-types/><nc:sharees/><x:custom xmlns:x=\"urn:x\"/></d:prop></d:propfind>";

	@Test
	void listingCostDoesNotGrowWithEntries() {
		DavClient user = newUser("count");
		user.mkcol("small");
		user.mkcol("large");
		for (int i = 0; i < 5; i++) {
			user.put("small/f" + i + ".txt", "x");
		}
		for (int i = 0; i < 300; i++) {
			user.put("large/f" + i + ".txt", "x");
		}
		// shared entries: their share types and sharees come from one query per listing, not one per entry
		for (String path : List.of("/small/f0.txt", "/large/f0.txt", "/large/f1.txt", "/large/f2.txt")) {
			var shared = user.send(user.request("POST", baseUrl() + "/ocs/v2.php/apps/files_sharing/api/v1/shares",
					"path=" + path + "&shareType=3")
				.header("OCS-APIRequest", "true")
				.header("Content-Type", "application/x-www-form-urlencoded"));
			assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
		}
		assertThat(user.propfind("large", 1, ALL_PROPS).body())
			.contains("<nc:sharee><nc:id></nc:id><nc:display-name></nc:display-name><nc:type>3</nc:type></nc:sharee>");
		long small = statementsFor(user, "small");
		long large = statementsFor(user, "large");
		assertThat(large).as("statements for 300 entries vs 5").isEqualTo(small);
		assertThat(small).as("statements per listing").isLessThanOrEqualTo(12);
	}

	private static long statementsFor(DavClient user, String folder) {
		user.propfind(folder, 1, ALL_PROPS);
		long before = STATEMENTS.get();
		var response = user.propfind(folder, 1, ALL_PROPS);
		long used = STATEMENTS.get() - before;
		assertThat(response.statusCode()).isEqualTo(207);
		return used;
	}
}
