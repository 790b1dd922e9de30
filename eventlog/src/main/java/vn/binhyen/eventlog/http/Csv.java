package vn.binhyen.eventlog.http;

/** RFC 4180 fields for the services' CSV exports (reports, registers). */
public final class Csv {
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /**
     * The value as one CSV field: quoted, with quotes doubled, when it holds a comma, quote or
     * line break. A value a spreadsheet would read as a formula (it begins with {@code =},
     * {@code +}, {@code -}, {@code @}, a tab or a carriage return: audit F10, OWASP's CSV
     * injection) is written with a leading {@code '}, so that it is shown as the text it is.
     */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String v = value.toString();
        if (!v.isEmpty() && FORMULA_STARTS.indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean needs = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
