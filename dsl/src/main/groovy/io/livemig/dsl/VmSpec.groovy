package io.livemig.dsl

import groovy.transform.CompileStatic
import io.livemig.profile.DirtyProfile
import io.livemig.profile.MemoryComposition
import io.livemig.profile.Vm
import io.livemig.record.DirtyCurve
import io.livemig.record.DirtyCurveFile
import io.livemig.trace.Trace
import io.livemig.trace.TraceFit
import io.livemig.units.DataSize

import java.util.function.Consumer
import java.util.Locale

/**
 * {@code vm('web') { memory 1.GiB; profile { … } }}: a VM for the model. Exactly one of {@code profile} (a block,
 * a fitted profile, or a dirty-curve file recorded from a live VM: {@code profile 'web.curve.json'}) and
 * {@code trace} gives its dirty behaviour; {@code nonZero 40.percent} (or a page count) says how much of its memory
 * is not zero pages, which a trace whose header says so fills in too.
 */
@CompileStatic
class VmSpec extends Spec {
    static final List<String> KEYWORDS = ['memory', 'profile', 'trace', 'nonZero']
    final String name
    private DataSize memorySize
    private DirtyProfile dirtyProfile
    private String profileSource
    private MemoryComposition composition

    VmSpec(Script owner, String name) {
        super(owner)
        this.name = name
    }

    @Override protected String where() { "vm '$name'" }

    @Override protected List<String> keywords() { KEYWORDS }

    /** The VM's memory: a size such as 1.GiB. */
    void memory(Object size) {
        if (size instanceof DataSize) { memorySize = (DataSize) size; return }
        if (size instanceof CharSequence) {
            try { memorySize = DataSize.parse(size.toString()); return }
            catch (IllegalArgumentException e) { throw new DslException("${where()}: memory: ${e.message}") }
        }
        throw wrong('memory', 'a size such as 512.MiB', size)
    }

    /**
     * How much memory is not zero pages: {@code nonZero 40.percent}, {@code nonZero '40%'} or a page count
     * {@code nonZero 52000}. QEMU sends a zero page as 9 bytes.
     */
    void nonZero(Object value) {
        if (value instanceof MemoryComposition) { composition = (MemoryComposition) value; return }
        if (value instanceof Number) {
            double v = ((Number) value).doubleValue()
            if (v < 0) throw new DslException("${where()}: nonZero must be >= 0 pages, got ${v} pages")
            composition = MemoryComposition.ofNonZeroPages(v)
            return
        }
        if (value instanceof CharSequence) {
            try { composition = MemoryComposition.parse(value.toString()); return }
            catch (IllegalArgumentException e) { throw new DslException("${where()}: ${e.message}") }
        }
        throw wrong('nonZero', 'a share such as 40.percent or a page count such as 52000', value)
    }

    /** A dirty profile given by hand: S, S_new^T, M_w. */
    void profile(@DelegatesTo(value = ProfileSpec, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        ProfileSpec spec = new ProfileSpec(owner, name)
        body.delegate = spec
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.call()
        setProfile(spec.build(), 'profile')
    }

    /** The Java twin of {@link #profile(Closure)}. */
    void profile(Consumer<ProfileSpec> body) {
        ProfileSpec spec = new ProfileSpec(owner, name)
        body.accept(spec)
        setProfile(spec.build(), 'profile')
    }

    /** A dirty profile computed elsewhere, e.g. fitted from a trace. */
    void profile(DirtyProfile fitted) { setProfile(fitted, 'profile') }

    /**
     * {@code profile 'web.curve.json'}: a dirty curve recorded from a live VM ({@code livemig record dirty}); its D(T)
     * goes to the QEMU-accurate model, and its memory and non-zero pages fill in what the block does not say.
     */
    void profile(Object fileOrOther) { profile([:], fileOrOther) }

    /**
     * {@code profile 'web.curve.json', bound: 'upper'}: the recorded curve at the lower or upper end of its
     * measurement interval instead of the measured values ({@code bound: 'measured'}, the default).
     */
    void profile(Map<String, ?> options, Object file) {
        if (!(file instanceof CharSequence || file instanceof java.nio.file.Path || file instanceof File)) {
            throw wrong('profile', "a block { s …; sNew …; mw … }, a fitted profile or a dirty-curve file such as 'web.curve.json'", file)
        }
        Object bound = options.get('bound') ?: 'measured'
        if (!(bound in ['lower', 'measured', 'upper']) || options.keySet().any { it != 'bound' }) {
            throw new DslException("${where()}: profile options: expected bound: 'lower', 'measured' or 'upper', got ${options}")
        }
        java.nio.file.Path path = owner instanceof LivemigScript ? ((LivemigScript) owner).resolveFile(file) : java.nio.file.Path.of(file.toString())
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new DslException("${where()}: profile file '${file}' not found; expected a dirty-curve file written by livemig record dirty")
        }
        DirtyCurve curve
        try {
            curve = DirtyCurveFile.read(path)
        } catch (RuntimeException e) {
            throw new DslException("${where()}: ${e.message}")
        }
        setProfile(curve.profile(DirtyCurve.Bound.valueOf(bound.toString().toUpperCase(Locale.ROOT))), "profile '${file}'".toString())
        if (composition == null && curve.nonZeroPages().isPresent()) composition = curve.composition()
        if (memorySize == null) memorySize = DataSize.ofBytes(curve.memoryBytes())
    }

    /**
     * The dirty profile fitted from a trace or a trace file (S, S_new^T, M_w); when {@code memory} is not given, the
     * trace's memory size is used.
     */
    void trace(Object file) { trace([:], file) }

    /**
     * {@code trace 'file', dT: 'curve'}: the profile that follows the trace's unique-pages curve instead of the
     * paper's straight line ({@code dT: 'linear'}, the default).
     */
    void trace(Map<String, ?> options, Object file) {
        if (!(owner instanceof LivemigScript)) throw new DslException("${where()}: trace needs a livemig script")
        Object shape = options.get('dT') ?: 'linear'
        if (!(shape in ['linear', 'curve']) || options.keySet().any { it != 'dT' }) {
            throw new DslException("${where()}: trace options: expected dT: 'linear' or 'curve', got ${options}")
        }
        Trace t = file instanceof Trace ? (Trace) file : ((LivemigScript) owner).trace(file)
        TraceFit fit = t.fit()
        if (!fit.hasPages()) {
            throw new DslException("${where()}: trace '${file}' has counts only; expected a trace of page numbers (.lmt or pages .csv) to fit S_new and M_w")
        }
        setProfile(shape == 'curve' ? (DirtyProfile) fit.curveProfile() : (DirtyProfile) fit.profile(), "trace '${file}'".toString())
        if (composition == null && t.header().nonZeroKnown()) composition = fit.composition()
        if (memorySize == null && t.header().memoryKnown()) {
            memorySize = DataSize.ofBytes(t.header().memoryPages() * t.header().pageSizeBytes())
        }
    }

    protected void setProfile(DirtyProfile p, String source) {
        if (dirtyProfile != null) {
            throw new DslException("${where()}: $source given after $profileSource; expected only one of profile or trace")
        }
        dirtyProfile = p
        profileSource = source
    }

    Vm build() {
        if (memorySize == null) throw new DslException("${where()}: memory is missing; expected e.g. memory 1.GiB")
        if (dirtyProfile == null) {
            throw new DslException("${where()}: no dirty profile; expected profile { s …; sNew …; mw … }, profile 'web.curve.json' or trace 'file'")
        }
        try {
            Vm vm = Vm.of(name, memorySize, dirtyProfile)
            return composition == null ? vm : vm.withComposition(composition)
        } catch (IllegalArgumentException e) {
            String m = e.message
            throw new DslException(m.startsWith(where()) ? m : "${where()}: $m".toString())
        }
    }
}
