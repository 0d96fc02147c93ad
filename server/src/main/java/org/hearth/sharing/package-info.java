/**
 * Shares to users and groups and public links: creating, changing and removing them with Nextcloud's semantics,
 * the admin policy, and the OCS Share API. Who may do what with a shared node is decided by storage's namespace.
 */
package org.hearth.sharing;
