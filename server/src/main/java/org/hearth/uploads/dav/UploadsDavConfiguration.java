package org.hearth.uploads.dav;

import org.hearth.dav.DavTargets;
import org.hearth.platform.InstanceId;
import org.hearth.uploads.UploadService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mounts the uploads collection next to the DAV files tree, behind the same Basic-auth chain. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class UploadsDavConfiguration {

	@Bean
	ServletRegistrationBean<UploadsServlet> uploadsServlet(UploadService uploads, DavTargets targets,
			InstanceId instanceId) {
		var registration = new ServletRegistrationBean<>(new UploadsServlet(uploads, targets, instanceId),
				UploadsServlet.PREFIX + "/*");
		registration.setName("dav-uploads");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
