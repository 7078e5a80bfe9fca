/**
 * Units for Groovy scripts: {@link io.livemig.dsl.units.UnitExtensions} is an extension module giving numbers
 * {@code .MiB}, {@code .GiB}, {@code .MBps}, {@code .Gbps}, {@code .s}, {@code .ms} and the unit-safe arithmetic
 * between sizes, rates and durations.
 */
package io.livemig.dsl.units;
