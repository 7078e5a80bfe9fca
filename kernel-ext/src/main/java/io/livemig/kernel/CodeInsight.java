package io.livemig.kernel;

import groovy.lang.GroovyObject;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MetaClass;
import groovy.lang.MetaMethod;
import groovy.lang.MetaProperty;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Completion, inspection and "is this cell complete?" for the kernel. Completion knows the binding's variables,
 * the DSL verbs (the public methods of the script base class), Groovy keywords, magics, and the members of the
 * value left of a dot when that value is a variable or a chain of properties of one.
 */
final class CodeInsight {

    private static final List<String> KEYWORDS = List.of("as", "assert", "break", "case", "catch", "class", "continue",
            "def", "default", "do", "else", "enum", "extends", "false", "finally", "for", "if", "implements", "import",
            "in", "instanceof", "interface", "new", "null", "return", "switch", "throw", "true", "try", "var", "while");
    private static final int SUMMARY_CHARS = 600;

    private final GroovyEvaluator evaluator;
    private final MagicsRegistry magics;

    CodeInsight(GroovyEvaluator evaluator, MagicsRegistry magics) {
        this.evaluator = evaluator;
        this.magics = magics;
    }

    // ---- completion ---------------------------------------------------------------------------------------

    ReplacementOptions complete(String code, int at) {
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
        } else {
            candidates.addAll(declaredIn(code));
            candidates.addAll(variables().keySet());
            candidates.addAll(verbs().keySet());
            candidates.addAll(List.of("display", "updateDisplay", "sleep"));
            candidates.addAll(KEYWORDS);
        }
        List<String> matches = candidates.stream().filter(c -> c.startsWith(prefix)).collect(Collectors.toList());
        return new ReplacementOptions(matches, start, cursor);
    }

    private static final java.util.regex.Pattern DECLARATION = java.util.regex.Pattern.compile(
            "\\b(?:def|var|int|long|double|float|boolean|char|byte|short|[A-Z][\\w.]*(?:<[^>]*>)?)\\s+([A-Za-z_][\\w]*)\\s*[=(;]");

    /** Names the cell itself declares, before it has run. */
    private static Set<String> declaredIn(String code) {
        Set<String> names = new TreeSet<>();
        java.util.regex.Matcher m = DECLARATION.matcher(code);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Evaluates {@code a.b.c} ending just before {@code dotIndex} when {@code a} is a variable; else null. */
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
        String[] parts = chain.split("\\.");
        Map<String, Object> variables = variables();
        Object value;
        int next;
        if (variables.containsKey(parts[0])) {
            value = variables.get(parts[0]);
            next = 1;
        } else {
            // a class name: complete its static members
            Class<?> type = loadClass(chain);
            return type == null ? null : new StaticMembers(type);
        }
        try {
            for (int i = next; i < parts.length && value != null; i++) {
                value = InvokerHelper.getProperty(value, parts[i]);
            }
        } catch (RuntimeException noSuchProperty) {
            return null;
        }
        return value;
    }

    private Class<?> loadClass(String name) {
        for (String candidate : List.of(name, "java.lang." + name, "java.util." + name, "java.time." + name)) {
            try {
                return Class.forName(candidate, false, evaluator.classLoader());
            } catch (ClassNotFoundException | NoClassDefFoundError | IllegalArgumentException notThisOne) {
                // try the next package
            }
        }
        return null;
    }

    /** Static members of a class named left of a dot. */
    private record StaticMembers(Class<?> type) {
    }

    private static Set<String> members(Object target) {
        Set<String> names = new TreeSet<>();
        if (target instanceof StaticMembers) {
            Class<?> type = ((StaticMembers) target).type();
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    names.add(m.getName());
                }
            }
            Arrays.stream(type.getFields()).filter(f -> Modifier.isStatic(f.getModifiers())).forEach(f -> names.add(f.getName()));
            return names;
        }
        if (target instanceof Map) {
            for (Object key : ((Map<?, ?>) target).keySet()) {
                if (key instanceof String) {
                    names.add((String) key);
                }
            }
        }
        MetaClass metaClass = InvokerHelper.getMetaClass(target);
        for (MetaMethod m : metaClass.getMethods()) {
            names.add(m.getName());
        }
        for (MetaMethod m : metaClass.getMetaMethods()) {
            names.add(m.getName());
        }
        for (MetaProperty p : metaClass.getProperties()) {
            names.add(p.getName());
        }
        names.removeIf(n -> n.startsWith("$") || n.startsWith("this$") || n.startsWith("super$") || n.contains("<"));
        return names;
    }

    /** DSL verbs: public instance methods the script base class adds to Groovy's Script. */
    private Map<String, List<Method>> verbs() {
        Map<String, List<Method>> verbs = new TreeMap<>();
        Class<?> base = evaluator.scriptBaseClass();
        for (Method m : base.getMethods()) {
            Class<?> owner = m.getDeclaringClass();
            if (owner == Script.class || owner == Object.class || owner == GroovyObjectSupport.class
                    || owner == GroovyObject.class || m.isSynthetic() || m.getName().startsWith("$")
                    || m.getName().startsWith("get") && m.getParameterCount() == 0 && owner == base.getSuperclass()) {
                continue;
            }
            verbs.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
        }
        return verbs;
    }

    private Map<String, Object> variables() {
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = evaluator.binding().getVariables();
        return new TreeMap<>(vars);
    }

    // ---- inspection ---------------------------------------------------------------------------------------

    DisplayData inspect(String code, int at, boolean extraDetail) {
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
        if (chain.isEmpty()) {
            return null;
        }
        String[] parts = chain.split("\\.");
        Map<String, Object> variables = variables();
        if (variables.containsKey(parts[0])) {
            Object value = parts.length == 1 ? variables.get(parts[0]) : resolveChain(chain + ".", chain.length());
            return new DisplayData(describeValue(chain, value, extraDetail));
        }
        List<Method> overloads = verbs().get(parts[parts.length - 1]);
        if (overloads != null && parts.length == 1) {
            String signatures = overloads.stream().map(CodeInsight::signature).distinct().sorted()
                    .collect(Collectors.joining("\n"));
            return new DisplayData(parts[0] + " (livemig DSL)\n" + signatures);
        }
        Class<?> type = loadClass(chain);
        if (type != null) {
            return new DisplayData("class " + type.getName());
        }
        return null;
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
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")")) + " -> " + m.getReturnType().getSimpleName();
    }

    // ---- is_complete --------------------------------------------------------------------------------------

    String isComplete(String code) {
        String stripped = code.strip();
        if (stripped.isEmpty()) {
            return BaseKernel.IS_COMPLETE_YES;
        }
        if (stripped.startsWith("%%")) {
            return BaseKernel.IS_COMPLETE_YES;
        }
        // line magics are not Groovy; blank them (keeping line numbers) before looking at the rest
        String groovy = code.lines().map(l -> l.stripLeading().startsWith("%") ? "" : l).collect(Collectors.joining("\n"));
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
