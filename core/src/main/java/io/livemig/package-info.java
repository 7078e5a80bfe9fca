/**
 * livemig core: the performance model of pre-copy live migration (Nathan, Bellur, Kulkarni, SoCC 2015),
 * the existing models it is compared with, traces, the simulator, the planner, validation against
 * measured migrations, and the inputs of a live QEMU VM read over QMP. Packages are by concept; a package
 * depends only on those listed before it in {@code docs/architecture.md}: units, profile, policy, model, trace,
 * qmp, sim, plan, validate, record.
 */
package io.livemig;
