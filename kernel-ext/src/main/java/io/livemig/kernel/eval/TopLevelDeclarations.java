package io.livemig.kernel.eval;

import groovy.transform.Field;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.EmptyExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

/**
 * Makes a cell's top-level {@code def x = ...} and {@code Type x = ...} declarations binding writes, so later
 * cells see them (the groovysh approach). It runs at conversion, before Groovy decides which names are local
 * variables of the script's {@code run()} method. A cell whose last statement is an assignment yields
 * {@code null}, so {@code x = 5} shows nothing, as in IPython. Imports a cell declares are collected so the
 * evaluator can carry them into later cells.
 */
final class TopLevelDeclarations extends CompilationCustomizer {

    private final List<ImportNode> importsSeen = new ArrayList<>();

    TopLevelDeclarations() {
        super(CompilePhase.CONVERSION);
    }

    /** Imports seen since the last call (the evaluator carries them on once the cell compiled). */
    List<ImportNode> drainImports() {
        List<ImportNode> copy = List.copyOf(importsSeen);
        importsSeen.clear();
        return copy;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            return;
        }
        ModuleNode module = source.getAST();
        importsSeen.addAll(module.getImports());
        importsSeen.addAll(module.getStarImports());
        importsSeen.addAll(module.getStaticImports().values());
        importsSeen.addAll(module.getStaticStarImports().values());
        BlockStatement block = module.getStatementBlock();
        List<Statement> statements = block.getStatements();
        for (int i = 0; i < statements.size(); i++) {
            Statement rewritten = rewrite(statements.get(i));
            if (rewritten != null) {
                statements.set(i, rewritten);
            }
        }
        if (!statements.isEmpty() && isAssignment(statements.get(statements.size() - 1))) {
            block.addStatement(new ExpressionStatement(ConstantExpression.NULL));
        }
    }

    private static Statement rewrite(Statement statement) {
        if (!(statement instanceof ExpressionStatement)) {
            return null;
        }
        Expression expression = ((ExpressionStatement) statement).getExpression();
        if (!(expression instanceof DeclarationExpression)) {
            return null;
        }
        DeclarationExpression declaration = (DeclarationExpression) expression;
        boolean fieldAnnotated = declaration.getAnnotations().stream()
                .anyMatch(a -> a.getClassNode().getName().equals(Field.class.getName())
                        || a.getClassNode().getName().equals("Field"));
        if (fieldAnnotated) {
            return null;
        }
        Expression right = declaration.getRightExpression();
        if (right == null || right instanceof EmptyExpression) {
            right = ConstantExpression.NULL;
        }
        Expression left;
        if (declaration.isMultipleAssignmentDeclaration()) {
            left = declaration.getTupleExpression();
        } else {
            VariableExpression declared = declaration.getVariableExpression();
            left = new VariableExpression(declared.getName());
            left.setSourcePosition(declared);
            ClassNode type = declared.getOriginType();
            if (type != null && !ClassHelper.isDynamicTyped(type) && right != ConstantExpression.NULL) {
                // keep the declared type's coercion: `int n = 2.7` stores 2, as the declaration would
                right = CastExpression.asExpression(type, right);
            }
        }
        Token assign = Token.newSymbol(
                Types.ASSIGN,
                declaration.getOperation().getStartLine(),
                declaration.getOperation().getStartColumn());
        BinaryExpression assignment = new BinaryExpression(left, assign, right);
        assignment.setSourcePosition(declaration);
        ExpressionStatement replaced = new ExpressionStatement(assignment);
        replaced.setSourcePosition(statement);
        replaced.copyStatementLabels(statement);
        return replaced;
    }

    private static boolean isAssignment(Statement statement) {
        if (!(statement instanceof ExpressionStatement)) {
            return false;
        }
        Expression expression = ((ExpressionStatement) statement).getExpression();
        return expression instanceof BinaryExpression
                && ((BinaryExpression) expression).getOperation().getType() == Types.ASSIGN;
    }
}
