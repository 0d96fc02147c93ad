package org.hearth.versions.dav;

import org.hearth.versions.AuthorNames;
import org.hearth.platform.InstanceId;
import org.hearth.storage.VersionService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mounts the versions collection next to the DAV files tree, behind the same Basic-auth chain. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class VersionsDavConfiguration {

	@Bean
	ServletRegistrationBean<VersionsServlet> versionsServlet(VersionService versions, AuthorNames authors,
			InstanceId instanceId) {
		var registration = new ServletRegistrationBean<>(new VersionsServlet(versions, authors, instanceId),
				VersionsServlet.PREFIX + "/*");
		registration.setName("dav-versions");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
