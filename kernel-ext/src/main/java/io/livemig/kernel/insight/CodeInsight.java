package io.livemig.kernel.insight;

import groovy.lang.Closure;
import groovy.lang.GroovyObject;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MetaClass;
import groovy.lang.MetaMethod;
import groovy.lang.MetaProperty;
import groovy.lang.Script;
import io.livemig.kernel.eval.GroovyEvaluator;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.MethodClosure;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * Completion, inspection, help and "is this cell complete?" for the kernel. Completion knows the binding's
 * variables, the DSL verbs (the public methods of the script base class), Groovy keywords, magics, class names
 * (after {@code new} or a capital letter), and the members of the value left of a dot: a variable, a chain of its
 * properties, a literal ({@code 100.MB}) or a class (static members). Members are what the value's type offers and
 * the extension methods written for it, not the methods Groovy adds to every object.
 */
public final class CodeInsight {

    private static final List<String> KEYWORDS = List.of(
            "as",
            "assert",
            "break",
            "case",
            "catch",
            "class",
            "continue",
            "def",
            "default",
            "do",
            "else",
            "enum",
            "extends",
            "false",
            "finally",
            "for",
            "if",
            "implements",
            "import",
            "in",
            "instanceof",
            "interface",
            "new",
            "null",
            "return",
            "switch",
            "throw",
            "true",
            "try",
            "var",
            "while");
    /** Packages every Groovy script imports (Groovy's default imports). */
    private static final List<String> GROOVY_DEFAULT_PACKAGES =
            List.of("java.lang", "java.util", "java.io", "java.net", "groovy.lang", "groovy.util");

    private static final List<String> GROOVY_DEFAULT_CLASSES = List.of("java.math.BigDecimal", "java.math.BigInteger");
    /** What every object answers and nobody asks for in a notebook. */
    private static final Set<String> OBJECT_NOISE = Set.of(
            "getClass",
            "hashCode",
            "equals",
            "notify",
            "notifyAll",
            "wait",
            "getMetaClass",
            "setMetaClass",
            "invokeMethod",
            "getProperty",
            "setProperty",
            "metaClass",
            "class");
    /** Methods Groovy calls for operators ({@code a + b} is {@code a.plus(b)}) and JDK plumbing: written as operators, never called by name. */
    private static final Set<String> OPERATOR_METHODS = Set.of(
            "plus",
            "minus",
            "multiply",
            "div",
            "mod",
            "power",
            "and",
            "or",
            "xor",
            "leftShift",
            "rightShift",
            "rightShiftUnsigned",
            "bitwiseNegate",
            "unaryMinus",
            "unaryPlus",
            "negative",
            "positive",
            "next",
            "previous",
            "isCase",
            "isNotCase",
            "asType",
            "asBoolean",
            "getAt",
            "putAt",
            "numberAwareCompareTo",
            "describeConstable",
            "resolveConstantDesc");

    private static final Pattern NUMBER = Pattern.compile("\\d[\\d_]*(\\.\\d+)?[LlGgDdFf]?");
    private static final int SUMMARY_CHARS = 600;

    private final GroovyEvaluator evaluator;
    private final MagicsRegistry magics;
    private final ClassIndex classes;

    public CodeInsight(GroovyEvaluator evaluator, MagicsRegistry magics) {
        this.evaluator = evaluator;
        this.magics = magics;
        this.classes = new ClassIndex(evaluator.classLoader());
    }

    // ---- completion ---------------------------------------------------------------------------------------

    public ReplacementOptions complete(String code, int at) {
        int cursor = Math.max(0, Math.min(at, code.length()));
        int start = cursor;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        String prefix = code.substring(start, cursor);
        Set<String> candidates = new TreeSet<>();
        if (start > 0 && code.charAt(start - 1) == '.') {
            Object target = resolveChain(code, start - 1);
            if (target != null) {
                candidates.addAll(members(target));
            }
        } else if (start > 0 && code.charAt(start - 1) == '%') {
            candidates.addAll(magics.getLineMagicNames());
            candidates.addAll(magics.getCellMagicNames());
        } else if (afterNew(code, start)) {
            candidates.addAll(classNames());
        } else {
            candidates.addAll(declaredIn(code));
            candidates.addAll(variables().keySet());
            candidates.addAll(verbs().keySet());
            candidates.addAll(notebookFunctions());
            candidates.addAll(KEYWORDS);
            if (!prefix.isEmpty() && Character.isUpperCase(prefix.charAt(0))) {
                candidates.addAll(classNames());
            }
        }
        List<String> matches =
                candidates.stream().filter(c -> c.startsWith(prefix)).collect(Collectors.toList());
        return new ReplacementOptions(matches, start, cursor);
    }

    private static boolean afterNew(String code, int start) {
        int i = start;
        while (i > 0 && Character.isWhitespace(code.charAt(i - 1))) {
            i--;
        }
        return i < start
                && i >= 3
                && code.startsWith("new", i - 3)
                && (i == 3 || !Character.isJavaIdentifierPart(code.charAt(i - 4)));
    }

    /** Simple names of the classes a cell can name without a package. */
    private Set<String> classNames() {
        Set<String> names = new TreeSet<>();
        Set<String> packages = new LinkedHashSet<>(GROOVY_DEFAULT_PACKAGES);
        packages.addAll(evaluator.starImports());
        for (String p : packages) {
            names.addAll(classes.simpleNames(p));
        }
        List<String> single = new ArrayList<>(GROOVY_DEFAULT_CLASSES);
        single.addAll(evaluator.classImports());
        for (String qualified : single) {
            names.add(qualified.substring(qualified.lastIndexOf('.') + 1));
        }
        for (Class<?> declared : evaluator.classLoader().getLoadedClasses()) {
            if (!Script.class.isAssignableFrom(declared)
                    && declared.getEnclosingClass() == null
                    && !declared.getName().contains("$")) {
                names.add(declared.getSimpleName());
            }
        }
        return names;
    }

    private static final Pattern DECLARATION = Pattern.compile(
            "\\b(?:def|var|int|long|double|float|boolean|char|byte|short|[A-Z][\\w.]*(?:<[^>]*>)?)\\s+([A-Za-z_][\\w]*)\\s*[=(;]");

    /** Names the cell itself declares, before it has run. */
    private static Set<String> declaredIn(String code) {
        Set<String> names = new TreeSet<>();
        Matcher m = DECLARATION.matcher(code);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The value (or {@link StaticMembers} of a class) that {@code a.b.c} ending just before {@code dotIndex} names,
     * when {@code a} is a variable, a literal or a class; else null.
     */
    private Object resolveChain(String code, int dotIndex) {
        if (dotIndex > 0) {
            char before = code.charAt(dotIndex - 1);
            if (before == '\'' || before == '"') {
                return ""; // a string literal: String's and Groovy's string methods
            }
            if (before == ']') {
                return new ArrayList<>();
            }
        }
        int start = dotIndex;
        while (start > 0 && (Character.isJavaIdentifierPart(code.charAt(start - 1)) || code.charAt(start - 1) == '.')) {
            start--;
        }
        String chain = code.substring(start, dotIndex);
        if (chain.isEmpty() || chain.startsWith(".") || chain.contains("..")) {
            return null;
        }
        if (NUMBER.matcher(chain).matches()) {
            return number(chain);
        }
        String[] parts = chain.split("\\.");
        Map<String, Object> variables = variables();
        if (!variables.containsKey(parts[0])) {
            Class<?> type = loadClass(chain);
            return type == null ? null : new StaticMembers(type);
        }
        Object value = variables.get(parts[0]);
        try {
            for (int i = 1; i < parts.length && value != null; i++) {
                value = InvokerHelper.getProperty(value, parts[i]);
            }
        } catch (RuntimeException noSuchProperty) {
            return null;
        }
        return value;
    }

    /** A numeric literal's value, typed as Groovy types it (Integer, Long, BigDecimal, ...). */
    private static Object number(String literal) {
        String digits = literal.replace("_", "");
        char suffix = Character.toLowerCase(digits.charAt(digits.length() - 1));
        String body = Character.isLetter(suffix) ? digits.substring(0, digits.length() - 1) : digits;
        switch (suffix) {
            case 'l':
                return Long.parseLong(body);
            case 'g':
                return body.contains(".") ? new BigDecimal(body) : new BigInteger(body);
            case 'd':
                return Double.parseDouble(body);
            case 'f':
                return Float.parseFloat(body);
            default:
                if (body.contains(".")) {
                    return new BigDecimal(body);
                }
                BigInteger n = new BigInteger(body);
                return n.bitLength() < 32 ? (Object) n.intValue() : n.bitLength() < 64 ? (Object) n.longValue() : n;
        }
    }

    private Class<?> loadClass(String name) {
        List<String> candidates = new ArrayList<>(List.of(name));
        if (!name.contains(".")) {
            for (String p : GROOVY_DEFAULT_PACKAGES) {
                candidates.add(p + "." + name);
            }
            for (String p : evaluator.starImports()) {
                candidates.add(p + "." + name);
            }
            for (String c : evaluator.classImports()) {
                if (c.endsWith("." + name)) {
                    candidates.add(c);
                }
            }
            candidates.add("java.math." + name);
            candidates.add("java.time." + name);
        }
        for (String candidate : candidates) {
            try {
                return Class.forName(candidate, false, evaluator.classLoader());
            } catch (ClassNotFoundException | NoClassDefFoundError | IllegalArgumentException notThisOne) {
                // try the next package
            }
        }
        return null;
    }

    /** Static members of a class named left of a dot. */
    private record StaticMembers(Class<?> type) {}

    /**
     * What a value offers: its type's public methods and properties, and the extension methods written for its type
     * (the DSL's units, Groovy's collection and string methods), without Groovy's methods on every object.
     */
    private static Set<String> members(Object target) {
        Set<String> names = new TreeSet<>();
        if (target instanceof StaticMembers statics) {
            Class<?> type = statics.type();
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    names.add(m.getName());
                }
            }
            Arrays.stream(type.getFields())
                    .filter(f -> Modifier.isStatic(f.getModifiers()))
                    .forEach(f -> names.add(f.getName()));
            names.removeIf(n -> n.startsWith("$") || n.startsWith("__"));
            return names;
        }
        if (target instanceof Map) {
            for (Object key : ((Map<?, ?>) target).keySet()) {
                if (key instanceof String) {
                    names.add((String) key);
                }
            }
        }
        for (Method m : target.getClass().getMethods()) {
            Class<?> owner = m.getDeclaringClass();
            if (!Modifier.isStatic(m.getModifiers())
                    && !m.isSynthetic()
                    && owner != Object.class
                    && owner != GroovyObject.class
                    && owner != GroovyObjectSupport.class
                    && owner != Closure.class) {
                names.add(m.getName());
            }
        }
        MetaClass metaClass = InvokerHelper.getMetaClass(target);
        for (MetaProperty p : metaClass.getProperties()) {
            names.add(p.getName());
        }
        for (MetaMethod m : metaClass.getMetaMethods()) {
            // extension methods: keep those written for this kind of value, not Groovy's methods on every Object
            Class<?> self = m.getDeclaringClass().getTheClass();
            if (self == Object.class || self == Object[].class || m.isStatic()) {
                continue;
            }
            String name = m.getName();
            if (name.startsWith("get") && name.length() > 3 && m.getParameterTypes().length == 0) {
                names.add(propertyName(name.substring(3), m.getReturnType()));
            } else {
                names.add(name);
            }
        }
        names.removeAll(OBJECT_NOISE);
        names.removeAll(OPERATOR_METHODS);
        names.removeIf(n -> n.startsWith("$") || n.startsWith("this$") || n.startsWith("super$") || n.contains("<"));
        return names;
    }

    /**
     * How a cell writes an extension getter as a property: units of data keep their capitals ({@code 100.MB},
     * {@code 1.GiB}, {@code 10.MBps}), other properties start lower case ({@code 10.s}, {@code 40.percent}).
     */
    private static String propertyName(String rest, Class<?> type) {
        if (DataSize.class.isAssignableFrom(type) || DataRate.class.isAssignableFrom(type)) {
            return rest;
        }
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }

    /** DSL verbs: public instance methods the script base class adds to Groovy's Script. */
    private Map<String, List<Method>> verbs() {
        Map<String, List<Method>> verbs = new TreeMap<>();
        Class<?> base = evaluator.scriptBaseClass();
        for (Method m : base.getMethods()) {
            Class<?> owner = m.getDeclaringClass();
            if (owner == Script.class
                    || owner == Object.class
                    || owner == GroovyObjectSupport.class
                    || owner == GroovyObject.class
                    || m.isSynthetic()
                    || m.getName().startsWith("$")
                    || m.getName().startsWith("get") && m.getParameterCount() == 0 && owner == base.getSuperclass()) {
                continue;
            }
            verbs.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
        }
        return verbs;
    }

    /** The notebook functions (statically imported), by name. */
    private static Set<String> notebookFunctions() {
        Set<String> names = new TreeSet<>();
        for (Method m : io.livemig.kernel.display.Notebook.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && !m.getName().equals("plain")) {
                names.add(m.getName());
            }
        }
        return names;
    }

    private Map<String, Object> variables() {
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = evaluator.binding().getVariables();
        return new TreeMap<>(vars);
    }

    // ---- inspection ---------------------------------------------------------------------------------------

    public DisplayData inspect(String code, int at, boolean extraDetail) {
        int cursor = Math.max(0, Math.min(at, code.length()));
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        int start = cursor;
        while (start > 0 && (Character.isJavaIdentifierPart(code.charAt(start - 1)) || code.charAt(start - 1) == '.')) {
            start--;
        }
        String chain = code.substring(start, end);
        String text = describe(chain, extraDetail);
        return text == null ? null : new DisplayData(text);
    }

    /** Help on a value, or on a name (a variable, a DSL verb, a function, a class or {@code Class.member}). */
    public String help(Object subject) {
        if (subject instanceof CharSequence name) {
            String text = describe(name.toString().strip(), true);
            return text != null ? text : "no help for '" + name + "': not a variable, function, DSL verb or class";
        }
        StringBuilder text = new StringBuilder(describeValue("value", subject, true));
        if (subject != null) {
            text.append("\n\nMembers: ").append(String.join(", ", members(subject)));
        }
        return text.toString();
    }

    private String describe(String chain, boolean extraDetail) {
        if (chain.isEmpty() || chain.startsWith(".") || chain.endsWith(".")) {
            return null;
        }
        String[] parts = chain.split("\\.");
        String last = parts[parts.length - 1];
        Map<String, Object> variables = variables();
        if (parts.length == 1) {
            if (variables.containsKey(chain)) {
                Object value = variables.get(chain);
                if (value instanceof MethodClosure method && method.getOwner() instanceof Script) {
                    return signatures(
                            chain + " (defined in a cell)", method.getOwner().getClass(), chain, false);
                }
                return describeValue(chain, value, extraDetail);
            }
            List<Method> overloads = verbs().get(chain);
            if (overloads != null) {
                return chain + " (livemig DSL)\n"
                        + overloads.stream()
                                .map(CodeInsight::signature)
                                .distinct()
                                .sorted()
                                .collect(Collectors.joining("\n"));
            }
            if (notebookFunctions().contains(chain)) {
                return signatures(
                        chain + " (notebook function)", io.livemig.kernel.display.Notebook.class, chain, true);
            }
            String scriptMethod = signatures(chain + " (script method)", evaluator.scriptBaseClass(), chain, false);
            if (scriptMethod != null) {
                return scriptMethod;
            }
            Class<?> type = loadClass(chain);
            return type == null ? null : describeClass(type);
        }
        String owner = chain.substring(0, chain.length() - last.length() - 1);
        Object target = variables.containsKey(parts[0]) ? resolveChain(owner + ".", owner.length()) : null;
        if (target != null) {
            String methods = signatures(
                    owner + "." + last + " (" + target.getClass().getSimpleName() + ")",
                    target.getClass(),
                    last,
                    false);
            if (methods != null) {
                return methods + valueOfAccessor(target, last);
            }
            try {
                return describeValue(chain, InvokerHelper.getProperty(target, last), extraDetail);
            } catch (RuntimeException noSuchProperty) {
                return null;
            }
        }
        Class<?> type = loadClass(owner);
        if (type != null) {
            String statics = signatures(type.getSimpleName() + "." + last, type, last, true);
            if (statics != null) {
                return statics;
            }
        }
        Class<?> nested = loadClass(chain);
        return nested == null ? null : describeClass(nested);
    }

    /**
     * The value of a no-argument method of a livemig record (a component or a derived figure such as
     * {@code migrationSeconds()}), shown beside its signature: those records are values, so calling it changes nothing.
     */
    private static String valueOfAccessor(Object target, String name) {
        if (!target.getClass().isRecord() || !target.getClass().getName().startsWith("io.livemig.")) {
            return "";
        }
        try {
            Method method = target.getClass().getMethod(name);
            if (method.getReturnType() == void.class) {
                return "";
            }
            return "\n= " + InvokerHelper.toString(method.invoke(target));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }

    /** The signatures of a class's public methods with this name, under a title; null when there are none. */
    private static String signatures(String title, Class<?> type, String name, boolean staticOnly) {
        List<String> found = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name)
                        && !m.isSynthetic()
                        && (!staticOnly || Modifier.isStatic(m.getModifiers())))
                .map(CodeInsight::signature)
                .distinct()
                .sorted()
                .collect(Collectors.toList());
        if (found.isEmpty()) {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(name) && !m.isSynthetic()) {
                    found.add(signature(m));
                }
            }
        }
        return found.isEmpty() ? null : title + "\n" + String.join("\n", found);
    }

    private static String describeClass(Class<?> type) {
        String kind = type.isRecord() ? "record" : type.isInterface() ? "interface" : type.isEnum() ? "enum" : "class";
        StringBuilder text = new StringBuilder(kind + " " + type.getName());
        if (type.isRecord()) {
            text.append(Arrays.stream(type.getRecordComponents())
                    .map(c -> c.getType().getSimpleName() + " " + c.getName())
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        return text.toString();
    }

    private static String describeValue(String name, Object value, boolean extraDetail) {
        StringBuilder text = new StringBuilder(name).append(": ");
        if (value == null) {
            return text.append("null").toString();
        }
        text.append(value.getClass().getName());
        if (value instanceof Collection) {
            text.append(" (").append(((Collection<?>) value).size()).append(" elements)");
        } else if (value instanceof Map) {
            text.append(" (").append(((Map<?, ?>) value).size()).append(" entries)");
        }
        String summary;
        try {
            summary = InvokerHelper.toString(value);
        } catch (RuntimeException e) {
            summary = "<toString() failed: " + e + ">";
        }
        int limit = extraDetail ? SUMMARY_CHARS * 8 : SUMMARY_CHARS;
        if (summary.length() > limit) {
            summary = summary.substring(0, limit) + " …";
        }
        return text.append('\n').append(summary).toString();
    }

    private static String signature(Method m) {
        return m.getName()
                + Arrays.stream(m.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"))
                + " -> " + m.getReturnType().getSimpleName();
    }

    // ---- is_complete --------------------------------------------------------------------------------------

    public String isComplete(String code) {
        String stripped = code.strip();
        if (stripped.isEmpty()) {
            return BaseKernel.IS_COMPLETE_YES;
        }
        if (stripped.startsWith("%%")) {
            return BaseKernel.IS_COMPLETE_YES;
        }
        // line magics are not Groovy; blank them (keeping line numbers) before looking at the rest
        String groovy =
                code.lines().map(l -> l.stripLeading().startsWith("%") ? "" : l).collect(Collectors.joining("\n"));
        Bracketing bracketing = Bracketing.scan(groovy);
        if (bracketing.invalid) {
            return BaseKernel.IS_COMPLETE_BAD;
        }
        if (bracketing.openStringOrComment || bracketing.depth > 0) {
            return "    ".repeat(Math.max(1, bracketing.depth));
        }
        String tail = groovy.stripTrailing();
        if (tail.endsWith("\\") || endsWithOperator(tail)) {
            return "    ";
        }
        try {
            CompilationUnit unit = new CompilationUnit(new CompilerConfiguration(), null, evaluator.classLoader());
            unit.addSource("IsComplete", groovy);
            unit.compile(Phases.CONVERSION);
            return BaseKernel.IS_COMPLETE_YES;
        } catch (RuntimeException | LinkageError doesNotParse) {
            return BaseKernel.IS_COMPLETE_BAD;
        }
    }

    private static boolean endsWithOperator(String tail) {
        for (String op : List.of("=", "+", "-", "*", "/", ",", ".", "&&", "||", "->", "?", ":", "<<", "|", "&")) {
            if (tail.endsWith(op) && !tail.endsWith("++") && !tail.endsWith("--")) {
                return true;
            }
        }
        return false;
    }

    /** Bracket depth and open strings/comments of Groovy source (slashy strings are not recognised). */
    private static final class Bracketing {
        int depth;
        boolean invalid;
        boolean openStringOrComment;

        static Bracketing scan(String s) {
            Bracketing b = new Bracketing();
            StringBuilder stack = new StringBuilder();
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (s.startsWith("//", i)) {
                    int nl = s.indexOf('\n', i);
                    i = nl < 0 ? n : nl + 1;
                } else if (s.startsWith("/*", i)) {
                    int close = s.indexOf("*/", i + 2);
                    if (close < 0) {
                        b.openStringOrComment = true;
                        break;
                    }
                    i = close + 2;
                } else if (s.startsWith("'''", i) || s.startsWith("\"\"\"", i)) {
                    String q = s.substring(i, i + 3);
                    int close = s.indexOf(q, i + 3);
                    if (close < 0) {
                        b.openStringOrComment = true;
                        break;
                    }
                    i = close + 3;
                } else if (c == '\'' || c == '"') {
                    int j = i + 1;
                    while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                        j += s.charAt(j) == '\\' ? 2 : 1;
                    }
                    if (j >= n || s.charAt(j) == '\n') {
                        b.invalid = true; // a one-line string cannot continue on the next line
                        return b;
                    }
                    i = j + 1;
                } else if (c == '(' || c == '[' || c == '{') {
                    stack.append(c);
                    i++;
                } else if (c == ')' || c == ']' || c == '}') {
                    char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (stack.length() == 0 || stack.charAt(stack.length() - 1) != open) {
                        b.invalid = true;
                        return b;
                    }
                    stack.setLength(stack.length() - 1);
                    i++;
                } else {
                    i++;
                }
            }
            b.depth = stack.length();
            return b;
        }
    }
}
