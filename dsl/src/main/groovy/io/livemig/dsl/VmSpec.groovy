package io.livemig.dsl

import groovy.transform.CompileStatic
import io.livemig.profile.DirtyProfile
import io.livemig.profile.Vm
import io.livemig.trace.Trace
import io.livemig.trace.TraceFit
import io.livemig.units.DataSize

import java.util.function.Consumer

/**
 * {@code vm('web') { memory 1.GiB; profile { … } }}: a VM for the model. Exactly one of {@code profile} and
 * {@code trace} gives its dirty behaviour.
 */
@CompileStatic
class VmSpec extends Spec {
    static final List<String> KEYWORDS = ['memory', 'profile', 'trace']
    final String name
    private DataSize memorySize
    private DirtyProfile dirtyProfile
    private String profileSource

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

    void profile(Object other) { throw wrong('profile', 'a block { s …; sNew …; mw … } or a fitted profile', other) }

    /**
     * The dirty profile fitted from a trace or a trace file (S, S_new^T, M_w); when {@code memory} is not given, the
     * trace's memory size is used.
     */
    void trace(Object file) {
        if (!(owner instanceof LivemigScript)) throw new DslException("${where()}: trace needs a livemig script")
        Trace t = file instanceof Trace ? (Trace) file : ((LivemigScript) owner).trace(file)
        TraceFit fit = t.fit()
        if (!fit.hasPages()) {
            throw new DslException("${where()}: trace '${file}' has counts only; expected a trace of page numbers (.lmt or pages .csv) to fit S_new and M_w")
        }
        setProfile(fit.profile(), "trace '${file}'".toString())
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
            throw new DslException("${where()}: no dirty profile; expected profile { s …; sNew …; mw … } or trace 'file'")
        }
        try {
            return Vm.of(name, memorySize, dirtyProfile)
        } catch (IllegalArgumentException e) {
            String m = e.message
            throw new DslException(m.startsWith(where()) ? m : "${where()}: $m".toString())
        }
    }
}
