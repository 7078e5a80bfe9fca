package io.livemig.kernel;

import org.codehaus.groovy.runtime.InvokerHelper;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Teaches jjava's renderer how livemig shows values: the DSL's renderers give tables and charts; anything else is
 * plain text in Groovy's notation ({@code [a:1]}, not Java's {@code {a=1}}). Found through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when the kernel starts.
 */
public final class LivemigExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        kernel.getRenderer().createRegistration(Object.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((value, context) -> fill(context.getOutputContainer(), value));
    }

    static void fill(DisplayData out, Object value) {
        if (!out.hasDataForType(MIMEType.TEXT_PLAIN)) {
            out.putText(InvokerHelper.toString(value));
        }
    }
}
