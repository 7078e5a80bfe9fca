package io.livemig.dsl

import io.livemig.evaluate.LabDataset

import groovy.transform.CompileStatic
import groovy.transform.NamedParam
import groovy.transform.NamedParams
import io.livemig.dsl.render.Renderers
import io.livemig.dsl.render.ResultFiles
import io.livemig.model.MigrationModel
import io.livemig.model.Models
import io.livemig.model.Prediction
import io.livemig.model.ProposedModel
import io.livemig.policy.PrecopyPolicy
import io.livemig.policy.Qemu
import io.livemig.policy.XenLegacy
import io.livemig.policy.XenV2
import io.livemig.profile.Vm
import io.livemig.plan.Margin
import io.livemig.plan.Objective
import io.livemig.plan.Planner
import io.livemig.plan.RatePlan
import io.livemig.plan.Selection
import io.livemig.record.CurveCheck
import io.livemig.record.DirtyCurve
import io.livemig.record.DirtyCurveFile
import io.livemig.trace.Trace
import io.livemig.trace.TraceFit
import io.livemig.trace.TraceReaders
import io.livemig.sim.SimConfig
import io.livemig.sim.Simulator
import io.livemig.validate.CrossValidation
import io.livemig.validate.Dataset
import io.livemig.validate.MeasuredRun
import io.livemig.validate.Validation
import io.livemig.validate.ValidationResult
import io.livemig.validate.Variant
import io.livemig.validate.Variants
import io.livemig.units.DataRate
import io.livemig.units.DataSize

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.function.Consumer

/**
 * The base class of every livemig script and notebook cell: the verbs of the DSL. Each verb parses its arguments,
 * calls the core, and returns a result that renders (text, table, chart). No model logic lives here.
 */
@CompileStatic
abstract class LivemigScript extends Script {
    /** Binding variable holding a {@code Consumer<Object>} that shows a value; the kernel sets it, the CLI prints. */
    public static final String DISPLAY_VARIABLE = 'livemigDisplay'
    /** No named arguments: the verb then reports which required one is missing. */
    private static final Map<String, ?> NO_ARGS = Collections.<String, Object>emptyMap()

    LivemigScript() {}

    LivemigScript(Binding binding) { super(binding) }

    // ---- VMs ------------------------------------------------------------------------------------------------------

    /** {@code vm('web') { memory 1.GiB; profile { s 8822; sNew 2775, 1559; mw 119435 } }} */
    Vm vm(String name, @DelegatesTo(value = VmSpec, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        VmSpec spec = newVmSpec(name)
        body.delegate = spec
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.call()
        spec.build()
    }

    /** The Java twin of {@link #vm(String, Closure)}. */
    Vm vm(String name, Consumer<VmSpec> body) {
        VmSpec spec = newVmSpec(name)
        body.accept(spec)
        spec.build()
    }

    Vm vm(Object name) {
        throw new DslException("vm(): expected vm('name') { memory …; profile { … } }, ${DslException.got(name)} and no block")
    }

    protected VmSpec newVmSpec(String name) {
        if (name == null || name.isBlank()) throw new DslException("vm(): expected a name such as vm('web') { … }, got nothing")
        new VmSpec(this, name)
    }

    // ---- policies -------------------------------------------------------------------------------------------------

    /** QEMU/KVM pre-copy: {@code qemu(downtime: 300.ms, bandwidth: 32.MiBps, version: '2.3')}. */
    PrecopyPolicy qemu(@NamedParams([
            @NamedParam(value = 'downtime', type = Duration), @NamedParam(value = 'bandwidth', type = DataRate),
            @NamedParam(value = 'version', type = String)]) Map<String, ?> args = [:]) {
        NamedArgs a = new NamedArgs('qemu()', args, ['downtime', 'bandwidth', 'version'])
        Qemu q = Qemu.defaults()
        if (a.has('version')) {
            String v = a.choice('version', ['1.7', '2.3', '5.2'], null)
            q = v == '1.7' ? Qemu.qemu1_7() : v == '2.3' ? Qemu.qemu2_3() : Qemu.qemu5_2()
        }
        if (a.has('downtime')) q = q.withDowntimeLimit(a.duration('downtime'))
        if (a.has('bandwidth')) q = q.withMaxBandwidth(a.rate('bandwidth'))
        q
    }

    /** Xen legacy pre-copy, skip on: {@code xen(maxIterations: 29, maxFactor: 3, minPages: 50, skip: true)}. */
    PrecopyPolicy xen(@NamedParams([
            @NamedParam(value = 'maxIterations', type = Integer), @NamedParam(value = 'maxFactor', type = Number),
            @NamedParam(value = 'minPages', type = Long), @NamedParam(value = 'skip', type = Boolean)]) Map<String, ?> args = [:]) {
        xenLegacy('xen()', args, ['maxIterations', 'maxFactor', 'minPages', 'skip'], true)
    }

    /** Xen legacy pre-copy with the skip technique off (the paper's "KVM" rows). */
    PrecopyPolicy xenNoSkip(@NamedParams([
            @NamedParam(value = 'maxIterations', type = Integer), @NamedParam(value = 'maxFactor', type = Number),
            @NamedParam(value = 'minPages', type = Long)]) Map<String, ?> args = [:]) {
        xenLegacy('xenNoSkip()', args, ['maxIterations', 'maxFactor', 'minPages'], false)
    }

    /** Xen migration v2 (4.6+): {@code xenV2(maxIterations: 5, minPages: 50)}. */
    PrecopyPolicy xenV2(@NamedParams([
            @NamedParam(value = 'maxIterations', type = Integer), @NamedParam(value = 'minPages', type = Long)]) Map<String, ?> args = [:]) {
        NamedArgs a = new NamedArgs('xenV2()', args, ['maxIterations', 'minPages'])
        XenV2 d = XenV2.xen4_6()
        checked('xenV2()') { new XenV2(a.integer('maxIterations', d.maxIterations()), (long) a.integer('minPages', (int) d.minPages())) }
    }

    private PrecopyPolicy xenLegacy(String where, Map<String, ?> args, List<String> keys, boolean skip) {
        NamedArgs a = new NamedArgs(where, args, keys)
        XenLegacy d = XenLegacy.xen4_x()
        checked(where) {
            new XenLegacy(a.integer('maxIterations', d.maxIterations()), a.number('maxFactor', d.maxFactor()),
                    (long) a.integer('minPages', (int) d.minPages()), a.flag('skip', skip))
        }
    }

    // ---- models ---------------------------------------------------------------------------------------------------

    /** The proposed model and every existing one. */
    List<MigrationModel> allModels() { Models.all() }

    /** A model by name: proposed, qemu-accurate, full-copy, geometric, effective-rate, liu-iterative. */
    MigrationModel model(String name) { checked('model()') { Models.named(name) } }

    // ---- predictions ----------------------------------------------------------------------------------------------

    /**
     * {@code predict web, at: 100.MBps, on: xen(), model: 'proposed'}: one migration; policy defaults to xen(), model
     * to {@link Models#defaultFor} the policy (QEMU-accurate under qemu(), as on the command line).
     */
    Prediction predict(@NamedParams([
            @NamedParam(value = 'at', type = DataRate, required = true), @NamedParam(value = 'on', type = PrecopyPolicy),
            @NamedParam(value = 'model', type = Object)]) Map<String, ?> args, Vm vm) {
        OneMigration q = oneMigration('predict()', args, vm)
        checked('predict()') { q.model.predict(vm, q.rate, q.policy) }
    }

    /** What {@code predict} and {@code margin} are asked: a rate, a policy (xen()) and a model (the policy's). */
    private static final class OneMigration {
        final DataRate rate
        final PrecopyPolicy policy
        final MigrationModel model

        OneMigration(DataRate rate, PrecopyPolicy policy, MigrationModel model) {
            this.rate = rate
            this.policy = policy
            this.model = model
        }
    }

    private static OneMigration oneMigration(String verb, Map<String, ?> args, Vm vm) {
        NamedArgs a = new NamedArgs(verb, args, ['at', 'on', 'model'])
        requireVm(verb, vm)
        DataRate rate = a.rate('at')
        PrecopyPolicy policy = a.policy('on', XenLegacy.xen4_x())
        new OneMigration(rate, policy, a.model('model', Models.defaultFor(policy)))
    }

    Prediction predict(Map<String, ?> args, Object notVm) { throw notAVm('predict()', notVm) }

    Prediction predict(Object vm) {
        if (vm instanceof Vm) return predict(NO_ARGS, (Vm) vm)
        throw notAVm('predict()', vm)
    }

    /** Without arguments Groovy would list an empty set of candidates; say what is expected instead. */
    Prediction predict() { throw new DslException("predict(): expected a VM and a rate, e.g. predict web, at: 100.MBps") }

    /**
     * {@code margin web, at: 100.MBps, on: qemu()}: how far the rate is from the one where the verdict flips (the
     * lowest converging rate) and whether it is at the edge, where real QEMU goes either way ({@link Margin}); the same
     * defaults as {@code predict}.
     */
    Margin margin(@NamedParams([
            @NamedParam(value = 'at', type = DataRate, required = true), @NamedParam(value = 'on', type = PrecopyPolicy),
            @NamedParam(value = 'model', type = Object)]) Map<String, ?> args, Vm vm) {
        OneMigration q = oneMigration('margin()', args, vm)
        checked('margin()') { Planner.of(q.model, q.policy).margin(vm, q.rate) }
    }

    Margin margin(Map<String, ?> args, Object notVm) { throw notAVm('margin()', notVm) }

    Margin margin(Object vm) {
        if (vm instanceof Vm) return margin(NO_ARGS, (Vm) vm)
        throw notAVm('margin()', vm)
    }

    Margin margin() { throw new DslException("margin(): expected a VM and a rate, e.g. margin web, at: 100.MBps") }

    Comparison compare() { throw new DslException("compare(): expected a VM and a rate, e.g. compare web, at: 100.MBps") }

    /** {@code compare web, at: 50.MBps, models: allModels()}: proposed and existing models side by side. */
    Comparison compare(@NamedParams([
            @NamedParam(value = 'at', type = DataRate, required = true), @NamedParam(value = 'on', type = PrecopyPolicy),
            @NamedParam(value = 'models', type = Object)]) Map<String, ?> args, Vm vm) {
        NamedArgs a = new NamedArgs('compare()', args, ['at', 'on', 'models'])
        requireVm('compare()', vm)
        DataRate rate = a.rate('at')
        PrecopyPolicy policy = a.policy('on', XenLegacy.xen4_x())
        List<MigrationModel> models = a.models('models', Models.all())
        if (models.isEmpty()) throw new DslException("compare(): 'models' is empty; expected a list of models or 'all'")
        checked('compare()') { new Comparison(models.collect { MigrationModel m -> m.predict(vm, rate, policy) }) }
    }

    Comparison compare(Map<String, ?> args, Object notVm) { throw notAVm('compare()', notVm) }

    Comparison compare(Object vm) {
        if (vm instanceof Vm) return compare(NO_ARGS, (Vm) vm)
        throw notAVm('compare()', vm)
    }

    /**
     * {@code sweep web, rates: [10.MiBps, 20.MiBps, 50.MiBps]} or {@code sweep web, from: 10.MiBps, to: 100.MiBps, steps: 10}:
     * predictions over rates (one series per model), the curve of time, downtime and traffic against rate.
     */
    Sweep sweep(@NamedParams([
            @NamedParam(value = 'rates', type = List), @NamedParam(value = 'from', type = DataRate),
            @NamedParam(value = 'to', type = DataRate), @NamedParam(value = 'steps', type = Integer),
            @NamedParam(value = 'on', type = PrecopyPolicy), @NamedParam(value = 'models', type = Object)]) Map<String, ?> args, Vm vm) {
        NamedArgs a = new NamedArgs('sweep()', args, ['rates', 'from', 'to', 'steps', 'on', 'models'])
        requireVm('sweep()', vm)
        List<DataRate> rates = sweepRates(a)
        PrecopyPolicy policy = a.policy('on', XenLegacy.xen4_x())
        // the planner's model, so a sweep draws the curve behind rateFor's answer (predict follows the command line)
        List<MigrationModel> models = a.models('models', [(MigrationModel) ProposedModel.defaults()])
        checked('sweep()') {
            List<Prediction> out = []
            for (MigrationModel m : models) for (DataRate r : rates) out << m.predict(vm, r, policy)
            new Sweep(out)
        }
    }

    Sweep sweep(Map<String, ?> args, Object notVm) { throw notAVm('sweep()', notVm) }

    Sweep sweep(Object vm) {
        if (vm instanceof Vm) return sweep(NO_ARGS, (Vm) vm)
        throw notAVm('sweep()', vm)
    }

    private static List<DataRate> sweepRates(NamedArgs a) {
        if (a.has('rates')) {
            if (a.has('from') || a.has('to') || a.has('steps')) {
                throw new DslException("sweep(): give either 'rates' or 'from', 'to', 'steps', not both")
            }
            Object raw = a.raw('rates')
            if (!(raw instanceof Collection) || ((Collection<?>) raw).isEmpty()) {
                throw a.wrong('rates', 'a list of rates such as [10.MiBps, 50.MiBps]', raw)
            }
            return ((Collection<?>) raw).collect { Object r ->
                if (!(r instanceof DataRate)) throw a.wrong('rates', 'a list of rates such as [10.MiBps, 50.MiBps]', r)
                (DataRate) r
            }
        }
        DataRate from = a.rate('from')
        DataRate to = a.rate('to')
        int steps = a.integer('steps', 10)
        if (steps < 2) throw new DslException("sweep(): 'steps' must be >= 2, got $steps")
        if (to.compareTo(from) <= 0) throw new DslException("sweep(): 'to' ($to) must be above 'from' ($from)")
        (0..<steps).collect { int i ->
            DataRate.ofBytesPerSecond(from.bytesPerSecond() + (to.bytesPerSecond() - from.bytesPerSecond()) * i / (steps - 1))
        }
    }

    // ---- traces ---------------------------------------------------------------------------------------------------

    /**
     * {@code trace 'data/web.lmt'}: reads a dirty-page trace (.lmt, pages .csv or .csv.gz, .counts.csv). For a CSV
     * without a metadata line give {@code unit:}, {@code pageSize:} and {@code memory:}.
     */
    Trace trace(@NamedParams([
            @NamedParam(value = 'unit', type = Duration), @NamedParam(value = 'pageSize', type = DataSize),
            @NamedParam(value = 'memory', type = DataSize)]) Map<String, ?> args = [:], Object file) {
        NamedArgs a = new NamedArgs('trace()', args, ['unit', 'pageSize', 'memory'])
        Path path = existingFile('trace()', file)
        TraceReaders reader = Trace.read()
        if (a.has('unit')) reader = reader.unitMillis(a.duration('unit').toNanos() / 1e6d)
        int page = a.has('pageSize') ? (int) a.size('pageSize').bytes() : 4096
        if (a.has('pageSize')) reader = reader.pageSize(page)
        if (a.has('memory')) reader = reader.memoryPages(a.size('memory').bytes().intdiv(page).longValue())
        TraceReaders r = reader
        checked("trace('${path.fileName}')".toString()) { r.file(path) }
    }

    /**
     * {@code dirtyCurve 'web.curve.json'}: a dirty curve recorded from a live VM ({@code livemig record dirty}), with
     * its points, their intervals and {@code vm(bound)}; {@code vm('web') { profile 'web.curve.json' }} uses it directly.
     */
    DirtyCurve dirtyCurve(Object file) {
        if (!(file instanceof CharSequence || file instanceof Path || file instanceof File)) {
            throw new DslException("dirtyCurve(): expected a file name such as 'web.curve.json', ${DslException.got(file)}")
        }
        Path p = resolveFile(file)
        if (!Files.isRegularFile(p)) throw new DslException("dirtyCurve(): file '$file' not found; expected a dirty-curve file written by livemig record dirty")
        checked("dirtyCurve('${p.fileName}')".toString()) { DirtyCurveFile.read(p) }
    }

    /** {@code checkCurve curve, trace}: a recorded curve against a trace's exact D(T), per window ({@link CurveCheck}). */
    tech.tablesaw.api.Table checkCurve(DirtyCurve curve, Object traceOrFile) {
        Trace t = traceOrFile instanceof Trace ? (Trace) traceOrFile : trace(traceOrFile)
        checked('checkCurve()') { CurveCheck.compare(curve, t) }
    }

    /** {@code fit trace} or {@code fit 'file'}: S, S_new^T, M_w and the empirical D(T) of a trace. */
    TraceFit fit(Object traceOrFile) {
        if (traceOrFile instanceof Trace) return checked('fit()') { ((Trace) traceOrFile).fit() }
        if (traceOrFile instanceof CharSequence || traceOrFile instanceof Path || traceOrFile instanceof File) {
            Path path = existingFile('fit()', traceOrFile)
            return checked("fit('${path.fileName}')".toString()) { Trace.read().fit(path) }
        }
        throw new DslException("fit(): expected a trace or a trace file name, ${DslException.got(traceOrFile)}")
    }

    /**
     * A file a script names: as given (relative to the working directory), else beside the script, else under the
     * livemig folder (so {@code 'data/…'} works from anywhere).
     */
    Path resolveFile(Object file) {
        Path p = file instanceof Path ? (Path) file : file instanceof File ? ((File) file).toPath() : Path.of(String.valueOf(file))
        if (p.isAbsolute() || Files.exists(p)) return p
        List<Path> bases = []
        Object dir = binding.hasVariable('scriptDir') ? binding.getVariable('scriptDir') : null
        if (dir != null) bases << Path.of(dir.toString())
        String root = System.getProperty('livemig.root')
        if (root) bases << Path.of(root)
        for (Path b : bases) {
            Path q = b.resolve(p)
            if (Files.exists(q)) return q
        }
        p
    }

    private Path existingFile(String where, Object file) {
        if (!(file instanceof CharSequence || file instanceof Path || file instanceof File)) {
            throw new DslException("$where: expected a file name such as 'data/web.lmt', ${DslException.got(file)}")
        }
        Path p = resolveFile(file)
        if (Files.isDirectory(p)) throw new DslException("$where: '$file' is a folder; expected a trace file (.lmt, .csv, .csv.gz, .counts.csv)")
        if (!Files.isRegularFile(p)) throw new DslException("$where: file '$file' not found; expected a trace file (.lmt, .csv, .csv.gz, .counts.csv)")
        ResultFiles.markInput(p)   // save() must not write over a trace the session read
        p
    }

    // ---- planning -------------------------------------------------------------------------------------------------

    /**
     * {@code rateFor web, within: 10.s} or {@code rateFor web, downtime: 300.ms}: the lowest rate (up to
     * {@code max}, default 10.Gbps) that migrates the VM within the time, or with at most that downtime.
     */
    RatePlan rateFor(@NamedParams([
            @NamedParam(value = 'within', type = Duration), @NamedParam(value = 'downtime', type = Duration),
            @NamedParam(value = 'on', type = PrecopyPolicy), @NamedParam(value = 'model', type = Object),
            @NamedParam(value = 'max', type = DataRate)]) Map<String, ?> args, Vm vm) {
        NamedArgs a = new NamedArgs('rateFor()', args, ['within', 'downtime', 'on', 'model', 'max'])
        requireVm('rateFor()', vm)
        if (a.has('within') == a.has('downtime')) {
            throw new DslException("rateFor(): give one target; expected within: a time such as 10.s, or downtime: a time such as 300.ms")
        }
        Objective target = a.has('within') ? Objective.MIGRATION_TIME : Objective.DOWNTIME
        Duration limit = a.duration(a.has('within') ? 'within' : 'downtime')
        PrecopyPolicy policy = a.policy('on', XenLegacy.xen4_x())
        MigrationModel m = a.model('model', ProposedModel.defaults())
        DataRate max = a.rate('max', DataRate.ofGbps(10))
        checked('rateFor()') { Planner.of(m, policy).minimumRate(vm, target, limit, max) }
    }

    RatePlan rateFor(Map<String, ?> args, Object notVm) { throw notAVm('rateFor()', notVm) }

    RatePlan rateFor(Object vm) {
        if (vm instanceof Vm) return rateFor(NO_ARGS, (Vm) vm)
        throw notAVm('rateFor()', vm)
    }

    /**
     * {@code choose [web, db, batch], free: 2.GiB, minimizing: 'traffic', at: 1.Gbps}: which VMs to migrate to free
     * the memory, minimising the total traffic, time or downtime; {@code downtime:} bounds each VM's downtime.
     */
    Selection choose(@NamedParams([
            @NamedParam(value = 'free', type = DataSize, required = true), @NamedParam(value = 'minimizing', type = String),
            @NamedParam(value = 'at', type = DataRate, required = true), @NamedParam(value = 'on', type = PrecopyPolicy),
            @NamedParam(value = 'model', type = Object), @NamedParam(value = 'downtime', type = Duration)]) Map<String, ?> args,
            List<?> vms) {
        NamedArgs a = new NamedArgs('choose()', args, ['free', 'minimizing', 'at', 'on', 'model', 'downtime'])
        if (vms == null || vms.isEmpty()) throw new DslException("choose(): expected a list of vms such as [web, db], got an empty list")
        List<Vm> list = vms.collect { Object v ->
            if (!(v instanceof Vm)) throw notAVm('choose()', v)
            (Vm) v
        }
        DataSize free = a.size('free')
        String objective = a.choice('minimizing', ['traffic', 'time', 'downtime'], 'traffic')
        DataRate rate = a.rate('at')
        PrecopyPolicy policy = a.policy('on', XenLegacy.xen4_x())
        MigrationModel m = a.model('model', ProposedModel.defaults())
        Optional<Duration> bound = Optional.ofNullable(a.has('downtime') ? a.duration('downtime') : null)
        checked('choose()') { Planner.of(m, policy).select(list, free, rate, Objective.parse(objective), bound) }
    }

    Selection choose(Object vms) {
        if (vms instanceof List) return choose(NO_ARGS, (List<?>) vms)
        throw new DslException("choose(): expected a list of vms such as [web, db], ${DslException.got(vms)}")
    }

    Selection choose(Map<String, ?> args, Object notAList) {
        throw new DslException("choose(): expected a list of vms such as [web, db], ${DslException.got(notAList)}")
    }

    // ---- simulation and validation --------------------------------------------------------------------------------

    /**
     * {@code simulate t, at: 100.MBps, on: qemu()}: replays a trace (or a trace file) page by page against the policy,
     * the ground truth to hold a model's prediction against; {@code seed:} places dirtyings inside their units.
     */
    Prediction simulate(@NamedParams([
            @NamedParam(value = 'at', type = DataRate, required = true), @NamedParam(value = 'on', type = PrecopyPolicy),
            @NamedParam(value = 'seed', type = Long)]) Map<String, ?> args, Object traceOrFile) {
        NamedArgs a = new NamedArgs('simulate()', args, ['at', 'on', 'seed'])
        Trace t = traceOrFile instanceof Trace ? (Trace) traceOrFile : asTrace('simulate()', traceOrFile)
        DataRate rate = a.rate('at')
        PrecopyPolicy policy = a.policy('on', XenLegacy.xen4_x())
        SimConfig config = SimConfig.defaults().withSeed(a.integer('seed', 1))
        checked('simulate()') { Simulator.simulate(t, rate, policy, config) }
    }

    Prediction simulate(Object traceOrFile) { simulate(NO_ARGS, traceOrFile) }

    private Trace asTrace(String where, Object file) {
        if (file instanceof CharSequence || file instanceof Path || file instanceof File) return trace(file)
        throw new DslException("$where: expected a trace or a trace file name, ${DslException.got(file)}")
    }

    /**
     * {@code validate()}: the models against the measured dataset ({@code $LIVEMIG_DATASET}, else
     * {@code ../shared/datasets/nathan-socc15} beside the livemig folder; {@code dataset:} to name one): per-run
     * errors, 90th percentiles, predicted-versus-measured scatter and error CDFs. {@code variants: 'all'} adds the
     * fitted variants (in-sample and leave-one-workload-out); a list of names picks reference variants.
     */
    ValidationResult validate(@NamedParams([
            @NamedParam(value = 'dataset', type = Object), @NamedParam(value = 'variants', type = Object)]) Map<String, ?> args = [:]) {
        NamedArgs a = new NamedArgs('validate()', args, ['dataset', 'variants'])
        Dataset d = dataset(a.raw('dataset'))
        Object which = a.raw('variants') ?: 'reference'
        checked('validate()') {
            List<Variant> variants
            if (which == 'reference') {
                variants = Variants.reference()
            } else if (which == 'all') {
                variants = new ArrayList<Variant>(Variants.reference())
                for (CrossValidation.Fit f : Variants.fitted(d.runs())) { variants << f.inSample(); variants << f.crossValidated(); variants << f.familyHeldOut() }
            } else if (which instanceof Collection) {
                variants = ((Collection<?>) which).collect { Object n -> Variants.named(String.valueOf(n)) }
            } else {
                throw a.wrong('variants', "'reference', 'all' or a list of variant names", which)
            }
            Validation.run(d, variants)
        }
    }

    /**
     * {@code labDataset 'data/qemu-lab'}: real QEMU migrations measured by {@code livemig lab} (runs, traces, rounds),
     * for {@code LabComparison}; a relative folder is found beside the script or in the repository.
     */
    LabDataset labDataset(Object dir) {
        checked('labDataset') { LabDataset.read(resolveFile(dir)) }
    }

    /** {@code workload 'dacapo-eclipse'}: the VM of a workload of the measured dataset, with its paper profile. */
    Vm workload(Object name) {
        if (!(name instanceof CharSequence)) throw new DslException("workload(): expected a workload name such as 'dacapo-eclipse', ${DslException.got(name)}")
        Dataset d = dataset(null)
        checked('workload()') { d.workloadVm(name.toString()) }
    }

    private Dataset dataset(Object dir) {
        Path p = dir == null ? Dataset.defaultLocation() : resolveFile(dir)
        checked('dataset') { Dataset.load(p) }
    }

    // ---- output ---------------------------------------------------------------------------------------------------

    /** Shows a value: in a notebook as rich output, on the command line as text. Returns the value. */
    Object show(Object value) {
        Object hook = binding.hasVariable(DISPLAY_VARIABLE) ? binding.getVariable(DISPLAY_VARIABLE) : null
        if (hook instanceof Consumer) {
            ((Consumer<Object>) hook).accept(value)
        } else if (hook instanceof Closure) {
            ((Closure<?>) hook).call(value)
        } else {
            println(Renderers.text(value))
            println()
        }
        value
    }

    /** Sizes in scripts: {@code size('512MiB')} reads text with a unit. */
    DataSize size(String text) { checked('size()') { DataSize.parse(text) } }

    /** Rates in scripts: {@code rate('100MBps')} reads text with a unit. */
    DataRate rate(String text) { checked('rate()') { DataRate.parse(text) } }

    // ---- helpers --------------------------------------------------------------------------------------------------

    protected static void requireVm(String where, Vm vm) {
        if (vm == null) throw notAVm(where, null)
    }

    protected static DslException notAVm(String where, Object value) {
        new DslException("$where: expected a vm, such as one made by vm('web') { … }, ${DslException.got(value)}")
    }

    /** Runs a core call; its precondition failures become DSL errors that say which verb was called. */
    protected static <T> T checked(String where, Closure<T> call) {
        try {
            return call.call()
        } catch (DslException e) {
            throw e
        } catch (IllegalArgumentException e) {
            throw new DslException("$where: ${e.message}")
        }
    }
}
