package org.airesilience.econometrics.data;

import java.util.List;

/**
 * A row filter such as {@code year != 2008 && year != 2020} or {@code (region == "east" || gdp > 1.5) && !(id == 3)}.
 * Comparisons {@code == != < <= > >=} between columns, numbers and quoted strings ('..' or ".."), combined with
 * {@code && || !} and parentheses. A comparison that involves a missing value is false (as R's subset and SQL),
 * so rows with a missing operand are dropped by a positive condition.
 */
public final class RowFilter {
    private final String text;
    private final Node root;

    private RowFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public static RowFilter parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty --where expression");
        Parser p = new Parser(text);
        Node n = p.or();
        p.skipBlanks();
        if (p.pos != text.length()) throw p.error("unexpected '" + text.substring(p.pos) + "'");
        return new RowFilter(text, n);
    }

    /** Which rows satisfy the condition; a clear error when it names a column the table lacks. */
    public boolean[] evaluate(Table table) {
        root.check(table, text);
        boolean[] keep = new boolean[table.rows()];
        for (int i = 0; i < keep.length; i++) keep[i] = root.test(table, i);
        return keep;
    }

    /** The rows of the table that satisfy the condition. */
    public Table apply(Table table) {
        return table.filter(evaluate(table));
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Node {
        boolean test(Table t, int row);

        void check(Table t, String text);
    }

    private record Not(Node inner) implements Node {
        public boolean test(Table t, int row) {
            return !inner.test(t, row);
        }

        public void check(Table t, String text) {
            inner.check(t, text);
        }
    }

    private record Logical(Node left, Node right, boolean and) implements Node {
        public boolean test(Table t, int row) {
            return and ? left.test(t, row) && right.test(t, row) : left.test(t, row) || right.test(t, row);
        }

        public void check(Table t, String text) {
            left.check(t, text);
            right.check(t, text);
        }
    }

    /** A column, number or string. */
    private record Operand(String column, Double number, String string) {
        boolean isNumeric(Table t) {
            return number != null || (column != null && t.isNumeric(column));
        }

        double num(Table t, int row) {
            return number != null ? number : t.numeric(column)[row];
        }

        String str(Table t, int row) {
            return string != null ? string : t.text(column)[row];
        }
    }

    private record Comparison(Operand left, String op, Operand right) implements Node {
        public boolean test(Table t, int row) {
            int c;
            if (left.isNumeric(t) && right.isNumeric(t)) {
                double a = left.num(t, row);
                double b = right.num(t, row);
                if (Double.isNaN(a) || Double.isNaN(b)) return false;
                c = Double.compare(a, b);
                if (a == b) c = 0;
            } else {
                String a = left.str(t, row);
                String b = right.str(t, row);
                if (a == null || b == null) return false;
                c = a.compareTo(b);
            }
            return switch (op) {
                case "==" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException(op);
            };
        }

        public void check(Table t, String text) {
            for (Operand o : List.of(left, right)) {
                if (o.column() != null && !t.has(o.column())) {
                    throw new IllegalArgumentException("--where '" + text + "': no column '" + o.column()
                            + "'; columns are " + t.names());
                }
            }
            boolean numericVsString = (left.isNumeric(t) && right.string() != null)
                    || (right.isNumeric(t) && left.string() != null);
            if (numericVsString) {
                throw new IllegalArgumentException("--where '" + text + "': compares a number with a quoted string");
            }
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Node or() {
            Node left = and();
            while (consume("||")) left = new Logical(left, and(), false);
            return left;
        }

        Node and() {
            Node left = unary();
            while (consume("&&")) left = new Logical(left, unary(), true);
            return left;
        }

        Node unary() {
            skipBlanks();
            if (pos < s.length() && s.charAt(pos) == '!' && !s.startsWith("!=", pos)) {
                pos++;
                return new Not(unary());
            }
            if (consume("(")) {
                Node inner = or();
                if (!consume(")")) throw error("missing ')'");
                return inner;
            }
            Operand left = operand();
            String op = null;
            for (String candidate : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (consume(candidate)) {
                    op = candidate;
                    break;
                }
            }
            if (op == null) throw error("expected a comparison operator (== != < <= > >=)");
            return new Comparison(left, op, operand());
        }

        Operand operand() {
            skipBlanks();
            if (pos >= s.length()) throw error("expected a column, number or quoted string");
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) throw error("unterminated string");
                String v = s.substring(pos + 1, end);
                pos = end + 1;
                return new Operand(null, null, v);
            }
            int start = pos;
            if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                pos++;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || ".eE".indexOf(s.charAt(pos)) >= 0
                        || ((s.charAt(pos) == '-' || s.charAt(pos) == '+') && "eE".indexOf(s.charAt(pos - 1)) >= 0))) {
                    pos++;
                }
                try {
                    return new Operand(null, Double.parseDouble(s.substring(start, pos)), null);
                } catch (NumberFormatException e) {
                    throw error("bad number '" + s.substring(start, pos) + "'");
                }
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '.')) {
                pos++;
            }
            if (pos == start) throw error("expected a column, number or quoted string");
            return new Operand(s.substring(start, pos), null, null);
        }

        boolean consume(String token) {
            skipBlanks();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void skipBlanks() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("--where '" + s + "' at position " + (pos + 1) + ": " + why);
        }
    }
}
