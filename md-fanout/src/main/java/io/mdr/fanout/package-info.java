/**
 * The fan-out: {@code md-fanout} tails the journal with the consumer API and publishes every record, unchanged,
 * on an Aeron publication (IPC, UDP unicast, multicast or multi-destination), claiming the space in Aeron's log
 * and copying the record there once. It saves how far its subscribers have been served so that a restart
 * resumes there, numbers its records ({@link io.mdr.fanout.RecordIdentity}) so that a subscriber drops what it
 * sees twice, optionally records the stream in an Aeron Archive for late joiners, and keeps its figures (lag,
 * back-pressure, subscribers) in a counters file for {@code md-stat}.
 */
package io.mdr.fanout;
