/** The web app's REST view of files; reads and writes only through the storage core. */
package org.hearth.files;
