/**
 * Value types with explicit units: {@link io.livemig.units.DataSize} (bytes) and
 * {@link io.livemig.units.DataRate} (bytes per second). Binary prefixes (KiB, MiB, GiB) are powers of 1024,
 * decimal ones (kB, MB, GB) powers of 1000; rates in bits use b (Mbps, Gbps). The paper's "MB" is a MiB
 * (it converts 4 KiB pages to MB by dividing by 256).
 */
package io.livemig.units;
