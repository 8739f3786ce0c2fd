/**
 * Feed integrity per channel: A/B line arbitration (first arrival wins, the other line's copy is a counted
 * duplicate), in-order delivery through a small reorder buffer, gap detection once every line has passed
 * a hole (or it outlives its deadline), and MoldUDP64 session handling (heartbeats, end of session, a new
 * session). What comes out is each message once, in sequence order, plus explicit gaps.
 */
package io.mdr.feed;
