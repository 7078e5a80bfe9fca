package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The verbs a script is told about when it calls one that does not exist are the script base class's public methods:
 * the list is written by hand, so a new verb (labDataset was one) must not be left out of it.
 */
class VerbListTest {
    /** Public methods of the base class that are helpers, not verbs a script calls. */
    private static final Set<String> NOT_VERBS = Set.of("resolveFile");

    @Test
    void theUnknownVerbMessageListsEveryVerb() {
        Set<String> declared = new TreeSet<>();
        for (Method m : LivemigScript.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())
                    && !m.isSynthetic()
                    && !m.getName().startsWith("$")) declared.add(m.getName());
        }
        declared.removeAll(NOT_VERBS);
        assertThat(declared).isNotEmpty();
        assertThat(new TreeSet<>(LivemigShell.VERBS)).isEqualTo(declared);
        assertThat(LivemigShell.VERBS).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownVerbNamesLabDataset() {
        var failure = LivemigShell.describe(
                new groovy.lang.MissingMethodException("labDatset", LivemigScript.class, new Object[] {"x"}),
                "s.groovy");
        assertThat(Arrays.asList(failure.split("; expected one of ")[1].split(", ")))
                .contains("labDataset");
    }
}
