package org.hearth;

import org.hearth.admin.AdminCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HearthApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("admin")) {
			System.exit(AdminCli.run(HearthApplication.class, java.util.Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(HearthApplication.class, args);
	}
}
