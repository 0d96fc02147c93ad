package org.hearth.trash.dav;

import org.hearth.platform.InstanceId;
import org.hearth.storage.TrashService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mounts the trashbin collection next to the DAV files tree, behind the same Basic-auth chain. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TrashbinDavConfiguration {

	@Bean
	ServletRegistrationBean<TrashbinServlet> trashbinServlet(TrashService trash, InstanceId instanceId) {
		var registration = new ServletRegistrationBean<>(new TrashbinServlet(trash, instanceId),
				TrashbinServlet.PREFIX + "/*");
		registration.setName("dav-trashbin");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
