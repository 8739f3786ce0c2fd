/**
 * Command-line tools beside the receiver: {@code md-dump} prints the journal as JSON lines through the
 * consumer API, {@code md-stat} prints the live counters of a running receiver from its counters file.
 */
package io.mdr.tools;
