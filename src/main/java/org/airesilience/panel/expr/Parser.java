package org.airesilience.panel.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses statements {@code name = expression}, one per line ({@code #} or {@code //} starts a comment; a statement
 * continues on the next lines while a parenthesis is open). Grammar:
 * <pre>
 *   expr    := term (('+' | '-') term)*
 *   term    := factor (('*' | '/') factor)*
 *   factor  := '-' factor | power
 *   power   := primary ('^' factor)?
 *   primary := number | name | name '(' [arg (',' arg)*] ')' | '(' expr ')'
 *   arg     := expr ['+' | '-']  |  option '=' expr
 *   name    := letter (letter | digit | '_' | '.')*
 * </pre>
 */
public final class Parser {
    /** One statement and where it is. */
    public record Statement(String name, Node expr, String text, String where) {
    }

    private final String src;
    private final String where;
    private int pos;

    private Parser(String src, String where) {
        this.src = src;
        this.where = where;
    }

    /**
     * @param origin    the file name for errors
     * @param firstLine the file line the block's first line is on
     */
    public static List<Statement> statements(String block, String origin, int firstLine) {
        List<Statement> out = new ArrayList<>();
        String[] lines = block.split("\n", -1);
        StringBuilder pending = new StringBuilder();
        int start = -1;
        int depth = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            if (line.isBlank() && pending.length() == 0) continue;
            if (pending.length() == 0) start = i;
            pending.append(line).append(' ');
            for (char c : line.toCharArray()) depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth > 0 && i < lines.length - 1) continue;
            out.add(statement(pending.toString().strip(), origin + ":" + (firstLine + start)));
            pending.setLength(0);
            depth = 0;
        }
        return out;
    }

    private static String stripComment(String line) {
        int h = line.indexOf('#');
        int s = line.indexOf("//");
        int cut = h < 0 ? s : s < 0 ? h : Math.min(h, s);
        return cut < 0 ? line : line.substring(0, cut);
    }

    /** Parses one statement {@code name = expression}. */
    public static Statement statement(String text, String where) {
        int eq = text.indexOf('=');
        if (eq <= 0) throw new ExpressionException(where + ": expected 'name = expression', got '" + text + "'");
        String name = text.substring(0, eq).strip();
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new ExpressionException(where + ": '" + name + "' is not a variable name (letters, digits, _)");
        }
        return new Statement(name, parse(text.substring(eq + 1), where), text, where);
    }

    /** Parses one expression. */
    public static Node parse(String expr, String where) {
        Parser p = new Parser(expr, where);
        Node n = p.expr();
        p.skipSpace();
        if (p.pos < p.src.length()) throw p.error("unexpected '" + p.src.substring(p.pos) + "'");
        return n;
    }

    private ExpressionException error(String msg) {
        return new ExpressionException(where + ": " + msg + " in '" + src.strip() + "'");
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
    }

    private char peek() {
        skipSpace();
        return pos < src.length() ? normalizeMinus(src.charAt(pos)) : 0;
    }

    private static char normalizeMinus(char c) {
        return c == '\u2212' || c == '\u2013' ? '-' : c;
    }

    /** Whether the character after the current one (an operator) ends an argument: a direction mark. */
    private boolean directionMark() {
        int save = pos;
        pos++;
        char next = peek();
        pos = save;
        return next == ',' || next == ')';
    }

    private Node expr() {
        Node left = term();
        while (true) {
            char c = peek();
            if ((c == '+' || c == '-') && !directionMark()) {
                pos++;
                left = new Node.Binary(c, left, term());
            } else {
                return left;
            }
        }
    }

    private Node term() {
        Node left = factor();
        while (true) {
            char c = peek();
            if (c == '*' || c == '/') {
                pos++;
                left = new Node.Binary(c, left, factor());
            } else {
                return left;
            }
        }
    }

    private Node factor() {
        if (peek() == '-') {
            pos++;
            return new Node.Neg(factor());
        }
        Node base = primary();
        if (peek() == '^') {
            pos++;
            return new Node.Binary('^', base, factor());
        }
        return base;
    }

    private Node primary() {
        char c = peek();
        if (c == '(') {
            pos++;
            Node inner = expr();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) pos++;
            if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                pos++;
                if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) pos++;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
            }
            String num = src.substring(start, pos);
            try {
                return new Node.Num(Double.parseDouble(num));
            } catch (NumberFormatException e) {
                throw error("'" + num + "' is not a number");
            }
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                    || src.charAt(pos) == '.')) pos++;
            String name = src.substring(start, pos);
            if (peek() == '(') {
                pos++;
                return call(name);
            }
            return new Node.Ref(name);
        }
        throw error(c == 0 ? "expression ends too early" : "unexpected '" + c + "'");
    }

    private Node call(String function) {
        List<Node.Arg> args = new ArrayList<>();
        Map<String, Node> options = new LinkedHashMap<>();
        if (peek() == ')') {
            pos++;
            return new Node.Call(function, args, options);
        }
        while (true) {
            skipSpace();
            int start = pos;
            String option = optionName();
            if (option != null) {
                if (options.put(option, expr()) != null) throw error("option '" + option + "' given twice");
            } else {
                Node e = expr();
                String text = src.substring(start, pos).strip();
                char dir = 0;
                char c = peek();
                if (c == '+' || c == '-') {
                    dir = c;
                    pos++;
                }
                args.add(new Node.Arg(e, dir, text));
            }
            char c = peek();
            pos++;
            if (c == ')') return new Node.Call(function, args, options);
            if (c != ',') throw error(c == 0 ? "')' missing after the arguments of " + function : "expected ',' or ')' after an argument of " + function + ", got '" + c + "'");
        }
    }

    /** {@code name =} (not {@code ==}) at the current position: an option; else null and nothing consumed. */
    private String optionName() {
        int save = pos;
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
        if (pos > start && Character.isLetter(src.charAt(start))) {
            String name = src.substring(start, pos);
            if (peek() == '=' && (pos + 1 >= src.length() || src.charAt(pos + 1) != '=')) {
                pos++;
                return name;
            }
        }
        pos = save;
        return null;
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }
}
