/**
 * Feed integrity per channel: A/B line arbitration (first arrival wins, the other line's copy is a counted
 * duplicate), in-order delivery with packets held behind holes within a byte budget, hole detection once every line
 * has passed a hole (or it outlives its deadline), retransmission requests for every hole neither line fills (through
 * {@link io.mdr.feed.RecoveryRequests}, answered from the recovery thread), gaps with exact bounds for what cannot be
 * had, and MoldUDP64 session handling (heartbeats, end of session, a new session, a late join). What comes out is each
 * message once, in sequence order, marked with the line it came from (A, B, or R for recovered), plus explicit gaps.
 */
package io.mdr.feed;
