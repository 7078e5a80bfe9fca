package io.livemig.profile;

import io.livemig.Check;
import io.livemig.units.DataSize;

/**
 * A virtual machine as the model sees it: a name, a memory size, how it dirties pages and how much of its memory is
 * non-zero ({@link MemoryComposition}; all of it unless told otherwise).
 *
 * @throws IllegalArgumentException if the memory is empty, not a whole number of pages, or smaller than M_w
 */
public record Vm(String name, DataSize memory, DirtyProfile profile, MemoryComposition composition) {
    /** A VM whose every page is non-zero (the paper's assumption). */
    public Vm(String name, DataSize memory, DirtyProfile profile) {
        this(name, memory, profile, MemoryComposition.allNonZero());
    }

    public Vm {
        Check.notNull("composition", composition);
        Check.notNull("name", name);
        Check.notNull("memory", memory);
        Check.notNull("profile", profile);
        Check.that(memory.bytes() > 0, "vm '" + name + "': memory must be > 0, got " + memory);
        double pages = memory.bytes() / (double) profile.pageSizeBytes();
        if (profile.mwPages() > pages) {
            throw new IllegalArgumentException("vm '" + name + "': M_w ("
                    + DataSize.ofPages(profile.mwPages(), profile.pageSizeBytes()) + ", " + fmt(profile.mwPages())
                    + " pages) must not exceed memory (" + memory + ", " + fmt(pages) + " pages)");
        }
        composition.checkFits("vm '" + name + "'", pages);
    }

    public static Vm of(String name, DataSize memory, DirtyProfile profile) {
        return new Vm(name, memory, profile);
    }

    /** Memory in pages of the profile's page size. */
    public double memoryPages() {
        return memory.bytes() / (double) profile.pageSizeBytes();
    }

    public int pageSizeBytes() {
        return profile.pageSizeBytes();
    }

    public Vm withProfile(DirtyProfile p) {
        return new Vm(name, memory, p, composition);
    }

    public Vm withMemory(DataSize m) {
        return new Vm(name, m, profile, composition);
    }

    public Vm withComposition(MemoryComposition c) {
        return new Vm(name, memory, profile, c);
    }

    /** Pages that are not zero at migration start. */
    public double nonZeroPages() {
        return composition.nonZeroPages(memoryPages());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v);
    }
}
