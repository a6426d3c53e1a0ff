package dev.parley.engines.text;

/** Small scans over text shared by the front end's steps. Stateless; each reads its range once. */
final class Chars {
    private Chars() {}

    /** {@code s[from, to)} with every run of whitespace made one space, trimmed. */
    static String collapseWhitespace(CharSequence s, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = !out.isEmpty();
            } else {
                if (space) out.append(' ');
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code s} has a letter or a digit (something to pronounce). */
    static boolean hasLetterOrDigit(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) return true;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                if (Character.isLetterOrDigit(cp)) return true;
                i++;
            }
        }
        return false;
    }
}
