/**
 * Administration: jobs an admin starts (rescan; trash expiry is the trash feature's endpoint) and the {@code admin}
 * command line. User administration itself lives in accounts; this feature only drives other features' public APIs.
 */
package org.hearth.admin;
