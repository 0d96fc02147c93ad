/**
 * Proof of backup: what each device (app password or client) sent into each folder — files, bytes, newest capture
 * time, last upload — and a check of a phone's list of files against what the server holds.
 */
package org.hearth.backup;
