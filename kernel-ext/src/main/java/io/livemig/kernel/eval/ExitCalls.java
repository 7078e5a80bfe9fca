package io.livemig.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * The compile-time half of {@link ExitGuard}: rewrites {@code System.exit(n)}, {@code Runtime.getRuntime().exit(n)}
 * and {@code .halt(n)} written in a cell into {@link ExitGuard#refuse}, so statically compiled cell code
 * ({@code @CompileStatic}), which calls the JDK directly and never consults a meta-class, cannot end the kernel
 * either. It runs at canonicalization: names are resolved to classes by then, and static type checking comes later.
 */
final class ExitCalls extends CompilationCustomizer {

    private static final ClassNode SYSTEM = ClassHelper.make(System.class);
    private static final ClassNode RUNTIME = ClassHelper.make(Runtime.class);
    private static final ClassNode GUARD = ClassHelper.make(ExitGuard.class);

    ExitCalls() {
        super(CompilePhase.CANONICALIZATION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new Rewriter(source).visitClass(classNode);
    }

    private static final class Rewriter extends ClassCodeExpressionTransformer {
        private final SourceUnit source;

        Rewriter(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public Expression transform(Expression expression) {
            if (expression instanceof StaticMethodCallExpression call
                    && call.getOwnerType().equals(SYSTEM)
                    && call.getMethod().equals("exit")) {
                return refusal("System.exit", call.getArguments(), expression);
            }
            if (expression instanceof MethodCallExpression call) {
                String method = call.getMethodAsString();
                Expression target = call.getObjectExpression();
                if ("exit".equals(method) && isClass(target, SYSTEM)) {
                    return refusal("System.exit", call.getArguments(), expression);
                }
                if (("exit".equals(method) || "halt".equals(method)) && isRuntime(target)) {
                    return refusal("Runtime." + method, call.getArguments(), expression);
                }
            }
            return super.transform(expression);
        }

        private static boolean isClass(Expression e, ClassNode type) {
            return e instanceof ClassExpression && e.getType().equals(type);
        }

        /** {@code Runtime.getRuntime()} or {@code Runtime.runtime}. */
        private static boolean isRuntime(Expression e) {
            if (e instanceof MethodCallExpression call) {
                return "getRuntime".equals(call.getMethodAsString()) && isClass(call.getObjectExpression(), RUNTIME);
            }
            if (e instanceof StaticMethodCallExpression call) {
                return "getRuntime".equals(call.getMethod())
                        && call.getOwnerType().equals(RUNTIME);
            }
            return e instanceof PropertyExpression p
                    && "runtime".equals(p.getPropertyAsString())
                    && isClass(p.getObjectExpression(), RUNTIME);
        }

        private Expression refusal(String method, Expression arguments, Expression original) {
            List<Expression> args = new ArrayList<>();
            args.add(new ConstantExpression(method));
            if (arguments instanceof TupleExpression tuple) {
                for (Expression a : tuple.getExpressions()) {
                    args.add(transform(a));
                }
            } else {
                args.add(transform(arguments));
            }
            StaticMethodCallExpression call =
                    new StaticMethodCallExpression(GUARD, "refuse", new ArgumentListExpression(args));
            call.setSourcePosition(original);
            return call;
        }
    }
}
