package io.livemig.kernel.display;

import io.livemig.dsl.render.Rendered;
import io.livemig.dsl.render.Renderers;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Teaches jjava's renderer how livemig shows values. The DSL's {@link Renderers} decide what a value looks like
 * (tables, charts, results with both); this class only maps a {@link Rendered} to MIME types. Anything else is
 * plain text in Groovy's notation ({@code [a:1]}, not Java's {@code {a=1}}). Found through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when the kernel starts.
 */
public final class LivemigExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        kernel.getRenderer()
                .createRegistration(Object.class)
                .preferring(MIMEType.TEXT_PLAIN, MIMEType.TEXT_HTML, MIMEType.IMAGE_SVG)
                .supporting(MIMEType.IMAGE_PNG)
                .register((value, context) -> fill(context.getOutputContainer(), value, context::wantsDataRenderedAs));
    }

    public static void fill(DisplayData out, Object value, Predicate<MIMEType> wanted) {
        Optional<Rendered> rendered = Renderers.render(value);
        if (rendered.isPresent()) {
            put(out, rendered.get(), wanted);
        } else if (!out.hasDataForType(MIMEType.TEXT_PLAIN)) {
            out.putText(InvokerHelper.toString(value));
        }
    }

    /**
     * text → text/plain, html → text/html, svg → image/svg+xml, png → image/png (base64, as Jupyter wants). One
     * image per chart: a chart already inlined in the HTML is not sent again as SVG, and PNG only when asked for
     * ({@code display(p, 'image/png')}); a notebook stored every chart three times before.
     */
    public static void put(DisplayData out, Rendered r, Predicate<MIMEType> wanted) {
        out.putText(r.text());
        // a chart alone is an image: its HTML would only wrap the same SVG
        boolean chartOnly = r.svg() != null && Renderers.chartHtml(r.svg()).equals(r.html());
        boolean htmlHasChart = false;
        if (r.html() != null && !chartOnly && wanted.test(MIMEType.TEXT_HTML)) {
            out.putHTML(r.html());
            htmlHasChart = r.html().contains("<svg");
        }
        if (r.svg() != null && !htmlHasChart && wanted.test(MIMEType.IMAGE_SVG)) {
            out.putData(MIMEType.IMAGE_SVG, r.svg());
        }
        if (r.chart() != null && wanted.test(MIMEType.IMAGE_PNG)) {
            out.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(r.png()));
        }
    }
}
