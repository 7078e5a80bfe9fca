/**
 * The hypervisor's pre-copy algorithm and its constants, as a closed family: {@link io.livemig.policy.Qemu},
 * {@link io.livemig.policy.XenLegacy} and {@link io.livemig.policy.XenV2}. Defaults per version come from
 * {@code docs/hypervisors.md}; each record has version-named factories and {@code withX} copies.
 */
package io.livemig.policy;
