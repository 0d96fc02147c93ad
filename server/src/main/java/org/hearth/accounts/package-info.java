/**
 * Users, groups, app passwords (devices), login flows, login throttling and the security filter chains that turn
 * credentials into an {@link org.hearth.storage.Actor}. It decides who is asking, never what they may do with a file.
 */
package org.hearth.accounts;
