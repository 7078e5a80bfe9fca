package io.livemig.dsl

import groovy.transform.CompileStatic
import io.livemig.model.MigrationModel
import io.livemig.model.Models
import io.livemig.policy.PrecopyPolicy
import io.livemig.units.DataRate
import io.livemig.units.DataSize

import java.time.Duration

/**
 * The named arguments of one verb call, checked: unknown keys are rejected with the list of valid ones, and each
 * value is read as the unit it must carry ("'at' expects a rate such as 100.MBps, got Integer 100").
 */
@CompileStatic
final class NamedArgs {
    final String where
    private final Map<String, Object> values

    NamedArgs(String where, Map<String, ?> given, List<String> valid) {
        this.where = where
        this.values = new LinkedHashMap<String, Object>()
        (given ?: [:]).each { k, v ->
            String key = String.valueOf(k)
            if (!valid.contains(key)) {
                throw new DslException("$where: unknown argument '$key'; expected one of ${valid.join(', ')}")
            }
            values[key] = v
        }
    }

    boolean has(String key) { values.containsKey(key) && values[key] != null }

    Object raw(String key) { values[key] }

    DataRate rate(String key, DataRate fallback = null) {
        typed(key, fallback, DataRate, 'a rate such as 100.MBps') { String text -> DataRate.parse(text) }
    }

    DataSize size(String key, DataSize fallback = null) {
        typed(key, fallback, DataSize, 'a size such as 512.MiB') { String text -> DataSize.parse(text) }
    }

    Duration duration(String key, Duration fallback = null) {
        typed(key, fallback, Duration, 'a time such as 10.s or 300.ms', null)
    }

    PrecopyPolicy policy(String key, PrecopyPolicy fallback = null) {
        typed(key, fallback, PrecopyPolicy, 'a policy such as xen() or qemu(downtime: 300.ms)') { String text -> PrecopyPolicy.named(text) }
    }

    MigrationModel model(String key, MigrationModel fallback = null) {
        Object v = values[key]
        if (v == null) return orMissing(key, fallback, "a model such as 'proposed'")
        return toModel(key, v)
    }

    /** A list of models: names, model objects, or 'all'. */
    List<MigrationModel> models(String key, List<MigrationModel> fallback) {
        Object v = values[key]
        if (v == null) return fallback
        if (v instanceof CharSequence && v.toString() == 'all') return Models.all()
        if (v instanceof Collection) return ((Collection<?>) v).collect { Object m -> toModel(key, m) }
        return [toModel(key, v)]
    }

    int integer(String key, int fallback) {
        Object v = values[key]
        if (v == null) return fallback
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return ((Number) v).intValue()
        throw wrong(key, 'a whole number', v)
    }

    double number(String key, double fallback) {
        Object v = values[key]
        if (v == null) return fallback
        if (v instanceof Number) return ((Number) v).doubleValue()
        throw wrong(key, 'a number', v)
    }

    boolean flag(String key, boolean fallback) {
        Object v = values[key]
        if (v == null) return fallback
        if (v instanceof Boolean) return (Boolean) v
        throw wrong(key, 'true or false', v)
    }

    String choice(String key, List<String> options, String fallback) {
        Object v = values[key]
        if (v == null) {
            if (fallback != null) return fallback
            throw new DslException("$where: '$key' is missing; expected one of ${options.collect { "'$it'" }.join(', ')}")
        }
        if (!(v instanceof CharSequence) || !options.contains(v.toString())) {
            throw new DslException("$where: '$key' expects one of ${options.collect { "'$it'" }.join(', ')}, ${DslException.got(v)}")
        }
        return v.toString()
    }

    DslException wrong(String key, String expected, Object v) {
        new DslException("$where: '$key' expects $expected, ${DslException.got(v)}")
    }

    private MigrationModel toModel(String key, Object v) {
        if (v instanceof MigrationModel) return (MigrationModel) v
        if (v instanceof CharSequence) return parsed(key) { Models.named(v.toString()) }
        throw wrong(key, "a model such as 'proposed' or a list of models", v)
    }

    private <T> T orMissing(String key, T fallback, String expected) {
        if (fallback != null) return fallback
        throw new DslException("$where: '$key' is missing; expected $expected")
    }

    /**
     * The value of {@code key} as a {@code type}: the fallback when absent, the value itself when it has the type,
     * else text read by {@code parse} (null: the type has no text form); anything else is an error naming
     * {@code expected}.
     */
    private <T> T typed(String key, T fallback, Class<T> type, String expected, Closure<T> parse) {
        Object v = values[key]
        if (v == null) return orMissing(key, fallback, expected)
        if (type.isInstance(v)) return type.cast(v)
        if (parse != null && v instanceof CharSequence) return parsed(key) { parse.call(v.toString()) }
        throw wrong(key, expected, v)
    }

    /** Runs a parser; its complaint becomes the verb's error for {@code key}. */
    private <T> T parsed(String key, Closure<T> parse) {
        try {
            return parse.call()
        } catch (IllegalArgumentException e) {
            throw new DslException("$where: '$key': ${e.message}")
        }
    }
}
