/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser of the rule language (grammar in {@link Condition}), with one token of look-ahead.
 * Errors carry the line and column of the offending token and what the grammar allowed there.
 */
final class RuleParser {
    private enum Kind { NAME, NUMBER, STRING, LPAREN, RPAREN, COMMA, OP, END }

    private record Token(Kind kind, String text, int start, double number, String string) {
    }

    private final String source;
    private final int end;
    private final boolean multiLine;
    private int pos;
    private Token current;

    private RuleParser(String source, int start, int end, boolean multiLine) {
        this.source = source;
        this.pos = start;
        this.end = end;
        this.multiLine = multiLine;
        this.current = next();
    }

    /** Parses a whole text as one condition. */
    static Condition parseCondition(String text) {
        return parseCondition(text, 0, text.length(), text.indexOf('\n') >= 0);
    }

    /** Parses {@code text[start, end)} as one condition; error positions refer to the whole text. */
    static Condition parseCondition(String text, int start, int end, boolean multiLine) {
        RuleParser p = new RuleParser(text, start, end, multiLine);
        Condition c = p.or();
        if (p.current.kind != Kind.END) {
            throw p.error("'and', 'or' or the end of the condition", p.current);
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------ grammar

    private Condition or() {
        List<Condition> ops = new ArrayList<>();
        ops.add(and());
        while (keyword("or")) {
            advance();
            ops.add(and());
        }
        return Nodes.Or.of(ops);
    }

    private Condition and() {
        List<Condition> ops = new ArrayList<>();
        ops.add(not());
        while (keyword("and")) {
            advance();
            ops.add(not());
        }
        return Nodes.And.of(ops);
    }

    private Condition not() {
        Token t = current;
        if (keyword("not")) {
            advance();
            return new Nodes.Not(not());
        }
        if (t.kind == Kind.LPAREN) {
            advance();
            Condition inner = or();
            expect(Kind.RPAREN, "')' to close the '(' at column " + column(t.start));
            return inner;
        }
        if (keyword("true")) {
            advance();
            return Nodes.Constant.TRUE;
        }
        if (keyword("false")) {
            advance();
            return Nodes.Constant.FALSE;
        }
        if (t.kind == Kind.NAME && !Nodes.isKeyword(t.string)) {
            advance();
            return predicate(t.string);
        }
        throw error("a feature name, 'not', '(', 'true' or 'false'", t);
    }

    private Condition predicate(String feature) {
        Token t = current;
        if (t.kind == Kind.OP) {
            advance();
            Token lit = current;
            if (lit.kind == Kind.NUMBER) {
                advance();
                return compare(feature, t.text, lit.number);
            }
            if (lit.kind == Kind.STRING) {
                advance();
                switch (t.text) {
                    case "=":
                    case "==":
                        return new Nodes.TextIn(feature, List.of(lit.string));
                    case "!=":
                    case "<>":
                        return new Nodes.Not(new Nodes.TextIn(feature, List.of(lit.string)));
                    default:
                        throw error("a number after '" + t.text + "' (strings can only be compared with =, != or in)",
                                lit);
                }
            }
            throw error("a number or a string after '" + t.text + "'", lit);
        }
        boolean negated = false;
        if (keyword("not")) {
            advance();
            negated = true;
            if (!keyword("in") && !keyword("between")) {
                throw error("'in' or 'between' after '" + feature + " not'", current);
            }
        }
        if (keyword("in")) {
            advance();
            Condition in = inList(feature);
            return negated ? new Nodes.Not(in) : in;
        }
        if (keyword("between")) {
            advance();
            double low = number("a number after 'between'");
            if (!keyword("and")) {
                throw error("'and' between the two bounds of 'between'", current);
            }
            advance();
            double high = number("a number after 'between ... and'");
            Condition b = new Nodes.Between(feature, low, high);
            return negated ? new Nodes.Not(b) : b;
        }
        if (keyword("is")) {
            advance();
            boolean not = false;
            if (keyword("not")) {
                advance();
                not = true;
            }
            if (!keyword("missing") && !keyword("null")) {
                throw error("'missing' after '" + feature + " is" + (not ? " not" : "") + "'", current);
            }
            advance();
            Condition m = new Nodes.Missing(feature);
            return not ? new Nodes.Not(m) : m;
        }
        throw error("a comparison (<, <=, >, >=, =, !=), 'in', 'not in', 'between' or 'is' after the feature '"
                + feature + "'", t);
    }

    private Condition inList(String feature) {
        Token open = current;
        expect(Kind.LPAREN, "'(' to start the list of 'in'");
        List<Double> numbers = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        while (true) {
            Token lit = current;
            if (lit.kind == Kind.NUMBER) {
                if (!strings.isEmpty()) {
                    throw error("a string (the list of 'in' started with strings)", lit);
                }
                numbers.add(lit.number);
            } else if (lit.kind == Kind.STRING) {
                if (!numbers.isEmpty()) {
                    throw error("a number (the list of 'in' started with numbers)", lit);
                }
                strings.add(lit.string);
            } else {
                throw error("a number or a string in the list of 'in'", lit);
            }
            advance();
            if (current.kind == Kind.COMMA) {
                advance();
                continue;
            }
            expect(Kind.RPAREN, "',' or ')' to close the list opened at column " + column(open.start));
            break;
        }
        return numbers.isEmpty() ? new Nodes.TextIn(feature, strings) : new Nodes.NumberIn(feature, numbers);
    }

    private static Condition compare(String feature, String op, double v) {
        switch (op) {
            case "<":
                return new Nodes.Compare(feature, Nodes.Op.LT, v);
            case "<=":
                return new Nodes.Compare(feature, Nodes.Op.LE, v);
            case ">":
                return new Nodes.Compare(feature, Nodes.Op.GT, v);
            case ">=":
                return new Nodes.Compare(feature, Nodes.Op.GE, v);
            case "=":
            case "==":
                return new Nodes.Compare(feature, Nodes.Op.EQ, v);
            default:
                return new Nodes.Compare(feature, Nodes.Op.NE, v);
        }
    }

    private double number(String expected) {
        Token t = current;
        if (t.kind != Kind.NUMBER) {
            throw error(expected, t);
        }
        advance();
        return t.number;
    }

    private void expect(Kind kind, String expected) {
        if (current.kind != kind) {
            throw error(expected, current);
        }
        advance();
    }

    private boolean keyword(String word) {
        return current.kind == Kind.NAME && current.text.charAt(0) != '`' && current.string.equalsIgnoreCase(word);
    }

    private void advance() {
        current = next();
    }

    // ------------------------------------------------------------------------------------------ lexer

    private Token next() {
        while (pos < end && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= end) {
            return new Token(Kind.END, "", start, 0, null);
        }
        char c = source.charAt(pos);
        switch (c) {
            case '(':
                pos++;
                return new Token(Kind.LPAREN, "(", start, 0, null);
            case ')':
                pos++;
                return new Token(Kind.RPAREN, ")", start, 0, null);
            case ',':
                pos++;
                return new Token(Kind.COMMA, ",", start, 0, null);
            case '<':
                pos++;
                if (pos < end && (source.charAt(pos) == '=' || source.charAt(pos) == '>')) {
                    pos++;
                }
                return op(start);
            case '>':
            case '=':
                pos++;
                if (pos < end && source.charAt(pos) == '=') {
                    pos++;
                }
                return op(start);
            case '!':
                pos++;
                if (pos < end && source.charAt(pos) == '=') {
                    pos++;
                    return op(start);
                }
                throw error("'!=' (a '!' must be followed by '=')", new Token(Kind.OP, "!", start, 0, null));
            case '"':
            case '\'':
                return string(c, start);
            case '`':
                return quotedName(start);
            default:
                break;
        }
        if (isDigit(c) || ((c == '-' || c == '+' || c == '.') && pos + 1 < end
                && (isDigit(source.charAt(pos + 1)) || source.charAt(pos + 1) == '.'))) {
            return numberToken(start);
        }
        if (Character.isLetter(c) || c == '_') {
            pos++;
            while (pos < end && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_'
                    || source.charAt(pos) == '.')) {
                pos++;
            }
            String word = source.substring(start, pos);
            return new Token(Kind.NAME, word, start, 0, word);
        }
        throw error("a feature name, a number, a string, an operator or a parenthesis",
                new Token(Kind.OP, String.valueOf(c), start, 0, null));
    }

    private Token op(int start) {
        return new Token(Kind.OP, source.substring(start, pos), start, 0, null);
    }

    private Token numberToken(int start) {
        if (source.charAt(pos) == '-' || source.charAt(pos) == '+') {
            pos++;
        }
        int digits = 0;
        while (pos < end && isDigit(source.charAt(pos))) {
            pos++;
            digits++;
        }
        if (pos < end && source.charAt(pos) == '.') {
            pos++;
            while (pos < end && isDigit(source.charAt(pos))) {
                pos++;
                digits++;
            }
        }
        if (digits == 0) {
            throw error("digits in the number", new Token(Kind.OP, source.substring(start, pos), start, 0, null));
        }
        if (pos < end && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < end && (source.charAt(pos) == '-' || source.charAt(pos) == '+')) {
                pos++;
            }
            int expDigits = 0;
            while (pos < end && isDigit(source.charAt(pos))) {
                pos++;
                expDigits++;
            }
            if (expDigits == 0) {
                throw error("digits of the exponent", new Token(Kind.OP, source.substring(start, pos), mark, 0, null));
            }
        }
        if (pos < end && (Character.isLetter(source.charAt(pos)) || source.charAt(pos) == '_')) {
            throw error("a space or an operator after the number " + source.substring(start, pos),
                    new Token(Kind.OP, String.valueOf(source.charAt(pos)), pos, 0, null));
        }
        String text = source.substring(start, pos);
        double v = Double.parseDouble(text);
        if (v - v != 0) {
            throw error("a number within the range of a double", new Token(Kind.NUMBER, text, start, v, null));
        }
        return new Token(Kind.NUMBER, text, start, v, null);
    }

    private Token string(char quote, int start) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= end) {
                throw error("the closing " + quote + " of the string that starts at column " + column(start),
                        new Token(Kind.END, "", pos, 0, null));
            }
            char c = source.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c == '\\') {
                if (pos >= end) {
                    throw error("a character after '\\'", new Token(Kind.END, "", pos, 0, null));
                }
                char e = source.charAt(pos++);
                if (e != '\\' && e != '"' && e != '\'') {
                    throw error("one of \\\" \\' \\\\ (the only escapes in strings)",
                            new Token(Kind.OP, "\\" + e, pos - 2, 0, null));
                }
                sb.append(e);
            } else {
                sb.append(c);
            }
        }
        return new Token(Kind.STRING, source.substring(start, pos), start, 0, sb.toString());
    }

    private Token quotedName(int start) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= end) {
                throw error("the closing ` of the name that starts at column " + column(start),
                        new Token(Kind.END, "", pos, 0, null));
            }
            char c = source.charAt(pos++);
            if (c == '`') {
                if (pos < end && source.charAt(pos) == '`') {
                    sb.append('`');
                    pos++;
                    continue;
                }
                break;
            }
            sb.append(c);
        }
        if (sb.toString().isBlank()) {
            throw error("a name between the back quotes", new Token(Kind.NAME, "``", start, 0, ""));
        }
        return new Token(Kind.NAME, source.substring(start, pos), start, 0, sb.toString());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ------------------------------------------------------------------------------------------ errors

    private int lineStart(int index) {
        int i = index;
        while (i > 0 && source.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    private int column(int index) {
        return index - lineStart(index) + 1;
    }

    private RuleSyntaxException error(String expected, Token found) {
        int index = Math.min(found.start, source.length());
        int ls = lineStart(index);
        int le = source.indexOf('\n', ls);
        String lineText = source.substring(ls, le < 0 ? source.length() : le).replace("\r", "");
        int line = 1;
        for (int i = 0; i < ls; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return new RuleSyntaxException(lineText, line, index - ls + 1, expected, describe(found), multiLine);
    }

    private static String describe(Token t) {
        switch (t.kind) {
            case END:
                return "the end of the text";
            case NUMBER:
                return "the number " + t.text;
            case STRING:
                return "the string " + t.text;
            case NAME:
                return Nodes.isKeyword(t.string) && t.text.charAt(0) != '`'
                        ? "the keyword '" + t.string.toLowerCase(Locale.ROOT) + "'" : "the name '" + t.string + "'";
            default:
                return "'" + t.text + "'";
        }
    }
}
