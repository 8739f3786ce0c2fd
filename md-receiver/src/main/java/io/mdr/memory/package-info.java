/**
 * Keeping the receiver's memory where the polling thread finds it: every page it has touched locked in RAM
 * ({@link io.mdr.memory.MemoryLock}, {@code mlockall}), so that no reclaim (a proactive pageout, kswapd) makes it
 * fault again, and its own stack populated before the first packet ({@link io.mdr.memory.ThreadStack}), so that a
 * deeper call than the warm-up's does not fault on a fresh stack page. Both, and the journal's pretoucher, populate
 * pages with one system call per range rather than a fault per page ({@link io.mdr.memory.Prefault}).
 */
package io.mdr.memory;
