package io.livemig.kernel.display;

import io.livemig.dsl.render.Rendered;
import io.livemig.dsl.render.Renderers;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.Base64;
import java.util.Optional;

/**
 * Teaches jjava's renderer how livemig shows values. The DSL's {@link Renderers} decide what a value looks like
 * (tables, charts, results with both); this class only maps a {@link Rendered} to MIME types. Anything else is
 * plain text in Groovy's notation ({@code [a:1]}, not Java's {@code {a=1}}). Found through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when the kernel starts.
 */
public final class LivemigExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        kernel.getRenderer().createRegistration(Object.class)
                .preferring(MIMEType.TEXT_PLAIN, MIMEType.TEXT_HTML, MIMEType.IMAGE_SVG, MIMEType.IMAGE_PNG)
                .register((value, context) -> fill(context.getOutputContainer(), value));
    }

    public static void fill(DisplayData out, Object value) {
        Optional<Rendered> rendered = Renderers.render(value);
        if (rendered.isPresent()) {
            put(out, rendered.get());
        } else if (!out.hasDataForType(MIMEType.TEXT_PLAIN)) {
            out.putText(InvokerHelper.toString(value));
        }
    }

    /** text → text/plain, html → text/html, svg → image/svg+xml, png → image/png (base64, as Jupyter wants). */
    public static void put(DisplayData out, Rendered r) {
        out.putText(r.text());
        if (r.html() != null) {
            out.putHTML(r.html());
        }
        if (r.svg() != null) {
            out.putData(MIMEType.IMAGE_SVG, r.svg());
        }
        if (r.png() != null) {
            out.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(r.png()));
        }
    }
}
