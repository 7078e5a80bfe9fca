package io.livemig.dsl

import groovy.transform.CompileStatic

/**
 * The base of the DSL's spec objects (what {@code vm { … }} and {@code profile { … }} configure): an unknown keyword
 * is an error that lists the valid ones, unless the script itself defines it (so a script's own helpers and verbs
 * still work inside a block).
 */
@CompileStatic
abstract class Spec {
    /** The script the block belongs to; verbs it does not know go there. */
    protected final Script owner

    protected Spec(Script owner) { this.owner = owner }

    /** "vm 'web'", "profile": the start of every message. */
    protected abstract String where()

    /** The keywords this spec accepts, listed in messages. */
    protected abstract List<String> keywords()

    def methodMissing(String name, Object args) {
        Object[] list = args instanceof Object[] ? (Object[]) args : [args] as Object[]
        if (owner != null && !owner.metaClass.respondsTo(owner, name, list).isEmpty()) {
            return owner.invokeMethod(name, list)
        }
        throw new DslException("${where()}: unknown setting '$name'; expected one of ${keywords().join(', ')}")
    }

    /**
     * {@code sNew -1} is Groovy for {@code sNew - 1}: the keyword read as a property. Say how to write a negative
     * value (or that the keyword needs a value) instead of "no property".
     */
    def propertyMissing(String name) {
        // the script's variables come first, as they did before this method existed (e.g. a variable named trace)
        MissingPropertyException notInScript = null
        if (owner != null) {
            try {
                return owner.getProperty(name)
            } catch (MissingPropertyException e) {
                notInScript = e
            }
        }
        if (keywords().contains(name)) {
            throw new DslException("${where()}: $name needs a value, e.g. $name 1 (a negative value needs parentheses: $name(-1))")
        }
        throw notInScript ?: new MissingPropertyException(name, getClass())
    }

    protected DslException wrong(String keyword, String expected, Object value) {
        new DslException("${where()}: $keyword expects $expected, ${DslException.got(value)}")
    }
}
