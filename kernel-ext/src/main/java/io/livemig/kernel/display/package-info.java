/**
 * What a notebook shows: the functions cells call ({@code display}, {@code html}, {@code markdown}, {@code svg},
 * {@code image}, {@code clearOutput}, {@code help}) and the jjava extension that maps the DSL's rendered values to
 * MIME types.
 */
package io.livemig.kernel.display;
