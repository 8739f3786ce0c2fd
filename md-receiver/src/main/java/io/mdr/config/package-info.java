/**
 * Receiver configuration: read once at start-up, before EAL is initialised, and never again.
 * <p>
 * The format is a Java {@code .properties} file (config/README.md lists every key; {@link io.mdr.config.ConfigKeys}
 * names them with their defaults). {@link io.mdr.config.ReceiverConfig#load(java.nio.file.Path)} turns a file into
 * immutable records or throws one {@link io.mdr.config.ConfigException} listing every problem, each naming the key,
 * the value and what the key accepts; unknown keys are problems too. Code that builds a configuration without a
 * file ({@link io.mdr.config.ReceiverConfig#builder()}) goes through the same checks.
 * <p>
 * Bring-up reads {@link io.mdr.config.ReceiverConfig#ealArguments()} for {@code rte_eal_init} and
 * {@link io.mdr.config.PortConfig} for the mempool and queues; the receive loop reads only primitives from
 * {@link io.mdr.config.LineConfig} (addresses as network-order ints) and {@link io.mdr.config.SessionId}
 * (the session as a long and a short), so matching a packet to a channel compares numbers, not strings.
 */
package io.mdr.config;
