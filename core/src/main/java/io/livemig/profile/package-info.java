/**
 * How a VM dirties its memory: {@link io.livemig.profile.DirtyProfile} gives D(T), the number of unique pages
 * dirtied in an interval of T seconds, capped by the maximum writable working set M_w; {@link io.livemig.profile.Vm}
 * pairs a profile with a memory size. Counts of pages are {@code double}: the model is fluid.
 */
package io.livemig.profile;
