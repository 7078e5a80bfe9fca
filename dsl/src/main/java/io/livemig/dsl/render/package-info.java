/**
 * Rendering shared by the command line and the Jupyter kernel: {@link io.livemig.dsl.render.Renderers#render(Object)}
 * turns Tablesaw tables, JFreeChart charts, livemig core results and DSL results ({@link io.livemig.dsl.render.Renderable})
 * into a {@link io.livemig.dsl.render.Rendered} (plain text, HTML with capped rows, SVG and PNG). Everything here is a
 * pure function and works offline: charts are drawn on the server side (JFreeSVG), no script or CDN is referenced.
 */
package io.livemig.dsl.render;
