package org.hearth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Keeps the layout honest: features as Modulith modules without cycles, and a storage core without protocols. */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.hearth");

	@Test
	void modulesHaveNoCyclesAndNoReachingIntoInternals() {
		ApplicationModules.of(HearthApplication.class).verify();
	}

	@Test
	void storageKnowsNoProtocolAndNoOtherFeature() {
		noClasses().that()
			.resideInAPackage("org.hearth.storage..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "io.milton..", "org.springframework.web..",
					"org.springframework.http..", "org.springframework.security..", "org.hearth.accounts..",
					"org.hearth.dav..", "org.hearth.compat..", "org.hearth.files..", "org.hearth.uploads..",
					"org.hearth.trash..")
			.check(CLASSES);
	}

	/** The preview cache keeps derived files of its own below the data folder, never in a user's tree. */
	@Test
	void onlyStorageInternalsTouchUserFiles() {
		noClasses().that()
			.resideOutsideOfPackages("org.hearth.storage..", "org.hearth.platform..", "org.hearth.previews.internal..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.nio.file.Files")
			.check(CLASSES);
	}

	@Test
	void platformDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("org.hearth.platform..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.hearth.storage..", "org.hearth.accounts..", "org.hearth.dav..",
					"org.hearth.compat..", "org.hearth.files..", "org.hearth.uploads..")
			.check(CLASSES);
	}
}
